"""Fideliza nightly on Airflow: one SparkSubmitOperator task per run date (the DAG's logical date).

Needs apache-airflow-providers-apache-spark and a `spark_default` connection to the cluster.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

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

with DAG(
    dag_id="fideliza_nightly",
    schedule="30 2 * * *",
    start_date=datetime(2026, 6, 1),
    catchup=False,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=15)},
    tags=["loyalty"],
) as dag:
    SparkSubmitOperator(
        task_id="fideliza_run",
        conn_id="spark_default",
        application="/opt/fideliza/fideliza-0.1.0-SNAPSHOT-spark.jar",
        java_class="io.fideliza.cli.Main",
        name="fideliza-nightly",
        conf={
            "spark.driver.extraJavaOptions": JAVA17_FLAGS,
            "spark.executor.extraJavaOptions": JAVA17_FLAGS,
            "spark.sql.adaptive.enabled": "true",
        },
        # The run describes the DAG's logical date; re-running a date replaces only that date's outputs.
        application_args=[
            "run",
            "--input", "hdfs:///loyalty/in",
            "--output", "hdfs:///loyalty/out",
            "--config", "/opt/fideliza/jobs/nightly.yaml",
            "--run-date", "{{ ds }}",
        ],
    )
