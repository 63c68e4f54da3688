"""Prints, as JSON, what the Fideliza DAG file sets, read with Python's own parser (ast), and how it behaves
with Airflow 2's and Airflow 3's names stubbed in: Airflow itself cannot be installed where the tests run, so
AirflowDagTest checks the file, not a DAG loaded by Airflow.
  - "dag", "task", "imports", "no_retry_exit_codes", "operator": the file's text, through ast;
  - "airflow2", "airflow3": the file executed against stand-ins for the Airflow modules of each version (Airflow 3
    has airflow.sdk, Airflow 2 has not): which DAG class it took, and, per spark-submit exit code, whether the
    task fails at once ("fail": AirflowFailException) or by the retryable error ("retry");
  - "run_date": the --run-date template evaluated with each version's template context for the run scheduled
    at 2026-07-01 02:30 UTC (Airflow 2: a cron schedule's data interval is the day before it, ds its start;
    Airflow 3: CronTriggerTimetable, the interval is the run's own time, ds that day), and with the param set.
Usage: python3 dag_facts.py jobs/fideliza_nightly_dag.py
"""
import ast
import datetime
import json
import re
import sys
import types


def value(node):
    """A literal, a timedelta(...) as seconds, pendulum.datetime(...) as text; else the expression's source."""
    if isinstance(node, ast.Call):
        name = ast.unparse(node.func)
        kwargs = {k.arg: value(k.value) for k in node.keywords}
        if name == "timedelta":
            units = {"weeks": 604800, "days": 86400, "hours": 3600, "minutes": 60, "seconds": 1}
            return sum(units[k] * v for k, v in kwargs.items())
        if name == "pendulum.datetime":
            return "pendulum.datetime(%s, tz=%s)" % (", ".join(str(value(a)) for a in node.args), kwargs.get("tz"))
    if isinstance(node, ast.Dict):
        return {value(k): value(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, (ast.List, ast.Tuple)):
        return [value(e) for e in node.elts]
    if isinstance(node, ast.Set):
        return sorted(value(e) for e in node.elts)
    try:
        return ast.literal_eval(node)
    except ValueError:
        return ast.unparse(node)


def main(path):
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    facts = {"imports": [], "dag": None, "task": None, "no_retry_exit_codes": None, "operator": None}
    for node in ast.walk(tree):
        if isinstance(node, ast.Try):
            tried = [f"{i.module}.{a.name}" for i in node.body if isinstance(i, ast.ImportFrom) for a in i.names]
            fallback = [f"{i.module}.{a.name}" for h in node.handlers for i in h.body if isinstance(i, ast.ImportFrom)
                        for a in i.names]
            caught = [ast.unparse(h.type) for h in node.handlers]
            if tried:
                facts["imports"].append({"try": tried, "except": caught, "fallback": fallback})
        if isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == ["NO_RETRY_EXIT_CODES"]:
            facts["no_retry_exit_codes"] = value(node.value)
        if isinstance(node, ast.ClassDef):
            raises = [ast.unparse(r.exc.func) for r in ast.walk(node) if isinstance(r, ast.Raise)
                      and isinstance(r.exc, ast.Call)]
            guards = [ast.unparse(c) for c in ast.walk(node) if isinstance(c, ast.If)
                      for c in [c.test]]
            facts["operator"] = {"name": node.name, "bases": [ast.unparse(b) for b in node.bases],
                                 "raises": raises, "if": guards}
        if isinstance(node, ast.With):
            for item in node.items:
                call = item.context_expr
                if isinstance(call, ast.Call) and ast.unparse(call.func) == "DAG":
                    facts["dag"] = {k.arg: value(k.value) for k in call.keywords}
                    for stmt in node.body:
                        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
                            task = {k.arg: value(k.value) for k in stmt.value.keywords}
                            task["operator"] = ast.unparse(stmt.value.func)
                            facts["task"] = task
    source = open(path, encoding="utf-8").read()
    for version in (2, 3):
        facts[f"airflow{version}"] = behaviour(source, path, version)
    template = facts["task"]["application_args"][facts["task"]["application_args"].index("--run-date") + 1]
    facts["run_date"] = run_dates(template)
    print(json.dumps(facts, indent=1, sort_keys=True))


class Retryable(Exception):
    """What the provider's hook raises when spark-submit ends with a code other than 0 (AirflowException)."""


def behaviour(source, path, version):
    """Executes the DAG file against stand-ins for Airflow `version`'s modules; returns what it did."""
    made = {}

    class Dag:
        def __init__(self, **kwargs):
            made["dag"] = f"airflow{'.sdk' if version == 3 else ''}.DAG"

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    class Fail(Exception):
        pass

    class Hook:
        def __init__(self, code):
            self._submit_sp = types.SimpleNamespace(returncode=code)

    class SparkSubmitOperator:
        def __init__(self, **kwargs):
            self.kwargs = kwargs
            made["task"] = self

        def execute(self, context):
            self._hook = Hook(context["code"])
            if context["code"]:
                raise Retryable(f"Cannot execute: spark-submit. Error code is: {context['code']}.")

    modules = {
        "pendulum": types.SimpleNamespace(datetime=lambda *a, **k: datetime.datetime(*a, tzinfo=datetime.timezone.utc)),
        "airflow": types.SimpleNamespace(DAG=Dag),
        "airflow.exceptions": types.SimpleNamespace(AirflowFailException=Fail, AirflowException=Retryable),
        "airflow.providers": types.SimpleNamespace(), "airflow.providers.apache": types.SimpleNamespace(),
        "airflow.providers.apache.spark": types.SimpleNamespace(),
        "airflow.providers.apache.spark.operators": types.SimpleNamespace(),
        "airflow.providers.apache.spark.operators.spark_submit":
            types.SimpleNamespace(SparkSubmitOperator=SparkSubmitOperator),
    }
    if version == 3:
        modules["airflow.sdk"] = types.SimpleNamespace(DAG=Dag)
        modules["airflow.sdk.exceptions"] = types.SimpleNamespace(AirflowFailException=Fail)
    saved = {name: sys.modules.get(name) for name in modules}
    saved.update({name: sys.modules.get(name) for name in ("airflow.sdk", "airflow.sdk.exceptions")})
    try:
        for name in ("airflow.sdk", "airflow.sdk.exceptions"):
            sys.modules[name] = None  # an ImportError, as in Airflow 2, unless set below
        sys.modules.update(modules)
        exec(compile(source, path, "exec"), {"__name__": "fideliza_dag"})
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    outcome = {}
    for code in range(0, 6):
        try:
            made["task"].execute({"code": code})
            outcome[code] = "succeeded"
        except Fail:
            outcome[code] = "fail"
        except Retryable:
            outcome[code] = "retry"
    return {"dag": made["dag"], "exit_codes": outcome}


class When:
    """The part of pendulum.DateTime the template may use."""

    def __init__(self, at):
        self.at = at

    def in_timezone(self, zone):
        assert zone == "UTC", zone
        return When(self.at.astimezone(datetime.timezone.utc))

    def subtract(self, days=0):
        return When(self.at - datetime.timedelta(days=days))

    def add(self, days=0):
        return When(self.at + datetime.timedelta(days=days))


def run_dates(template):
    """The template `{{ EXPR }}` or `{{ EXPR | ds }}` evaluated with each version's context (see the header)."""
    m = re.fullmatch(r"\{\{\s*(.+?)\s*\}\}", template)
    if not m:
        return {"template": template}
    expr = re.sub(r"(\S+)\s*\|\s*ds\b", r"_ds(\1)", m.group(1))
    scheduled = datetime.datetime(2026, 7, 1, 2, 30, tzinfo=datetime.timezone.utc)
    contexts = {
        "airflow2": {"data_interval_start": When(scheduled - datetime.timedelta(days=1)),
                     "data_interval_end": When(scheduled), "ds": "2026-06-30"},
        "airflow3": {"data_interval_start": When(scheduled), "data_interval_end": When(scheduled),
                     "ds": "2026-07-01"},
    }
    result = {}
    for name, context in contexts.items():
        for param in ("", "2026-06-28"):
            env = dict(context, params=types.SimpleNamespace(run_date=param),
                       _ds=lambda w: w.at.strftime("%Y-%m-%d") if isinstance(w, When) else w)
            value_ = eval(expr, {"__builtins__": {}}, env)
            result[f"{name}{' with run_date=' + param if param else ''}"] = value_ if isinstance(value_, str) \
                else value_.at.strftime("%Y-%m-%d")
    return result


if __name__ == "__main__":
    main(sys.argv[1])
