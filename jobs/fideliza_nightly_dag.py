"""Fideliza nightly on Airflow 2 and 3: one SparkSubmitOperator task a night.

Needs apache-airflow-providers-apache-spark and a `spark_default` connection to the cluster.

The run date is the day before the data interval's end, in UTC: the day the night's extracts describe, the
same as jobs/schedule.cron (`date -u -d yesterday`) and the README's submit lines. Not `{{ ds }}`: with a cron
schedule, Airflow 2's logical date is the start of the interval (yesterday), Airflow 3's the run's own time
(today). The data interval's end is the scheduled time in both: 2026-07-01 02:30 UTC runs 2026-06-30.
Trigger with the param run_date (YYYY-MM-DD) to run another date; a rerun replaces only that date's outputs.

Exit codes (README, "Exit codes"): 2 (the user must fix something) and 3 (a guard refused the input) fail at
once, without retries: the same run would fail the same way. 1 (a failure) and 5 (out of memory: the cluster
may have been short) are retried, and 4 (another run holds the lock) too. spark-submit returns the driver's
code in client deploy mode; in YARN cluster mode it returns 1 for every failure (the code is in the
application's diagnostics), so there every failure is retried.
"""
from datetime import timedelta

import pendulum
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

try:  # Airflow 3
    from airflow.sdk import DAG
except ImportError:  # Airflow 2
    from airflow import DAG
try:  # Airflow 3.1 and later
    from airflow.sdk.exceptions import AirflowFailException
except ImportError:
    from airflow.exceptions import AirflowFailException

# Exit codes a retry cannot change: fail the task at once.
NO_RETRY_EXIT_CODES = {2, 3}

# Spark's --add-opens list for Java 17 (pom.xml, spark.jvm.flags).
JAVA17_FLAGS = " ".join([
    "-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector",
    *[f"--add-opens=java.base/{p}=ALL-UNNAMED" for p in [
        "java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio", "java.util",
        "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch", "sun.nio.cs",
        "sun.security.action", "sun.util.calendar"]],
    "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
    "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true",
])


class FidelizaSubmit(SparkSubmitOperator):
    """spark-submit, with Fideliza's exit codes 2 and 3 failing the task without its retries."""

    def execute(self, context):
        try:
            return super().execute(context)
        except Exception as e:  # the hook's AirflowException when spark-submit ends with a code other than 0
            code = getattr(getattr(getattr(self, "_hook", None), "_submit_sp", None), "returncode", None)
            if code in NO_RETRY_EXIT_CODES:
                raise AirflowFailException(f"fideliza exit code {code}: not retried (see the task log's last "
                                           f"line; README, 'Exit codes')") from e
            raise


with DAG(
    dag_id="fideliza_nightly",
    schedule="30 2 * * *",
    start_date=pendulum.datetime(2026, 6, 1, tz="UTC"),
    catchup=False,
    # Each night builds on the last: segment ids, contact caps and cooldowns read the previous night's outputs.
    max_active_runs=1,
    params={"run_date": ""},
    default_args={"retries": 2, "retry_delay": timedelta(minutes=15)},
    tags=["loyalty"],
) as dag:
    FidelizaSubmit(
        task_id="fideliza_run",
        conn_id="spark_default",
        application="/opt/fideliza/fideliza-0.1.0-SNAPSHOT-spark.jar",
        java_class="io.fideliza.cli.Main",
        name="fideliza-nightly",
        # Size M (1M customers) took 27 minutes on one 16 GB machine (README, "Resources"): hours mean a stuck run.
        execution_timeout=timedelta(hours=3),
        conf={
            "spark.driver.extraJavaOptions": JAVA17_FLAGS,
            "spark.executor.extraJavaOptions": JAVA17_FLAGS,
            "spark.sql.adaptive.enabled": "true",
        },
        application_args=[
            "run",
            "--input", "hdfs:///loyalty/in",
            "--output", "hdfs:///loyalty/out",
            "--config", "/opt/fideliza/jobs/nightly.yaml",
            "--run-date", "{{ params.run_date or data_interval_end.in_timezone('UTC').subtract(days=1) | ds }}",
        ],
    )
