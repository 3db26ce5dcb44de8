"""One local Spark session for a whole pytest run, for the tests that read the lake with Spark's Java readers.

Starting Spark takes about 20 seconds, so every test module shares one session: import the fixture with
`from sparklib import spark  # noqa: F401` and take `spark` as an argument. The session is made once per process
(even when several modules import the fixture) and stopped when the process exits.

It runs local[1] (one core: the machines are small), with the session time zone UTC (so timestamps read back as UTC
instants), no web UI, and Hive support backed by an embedded Derby metastore and a warehouse in a temporary folder,
so that tests can declare Hive external tables the way Glue does. Its logs are quiet: errors only.

Java 17 or later must be on PATH (scripts/tools.sh checks); a missing or old Java fails the test that needs Spark,
saying so, instead of skipping it.
"""

from __future__ import annotations

import atexit
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

MINIMUM_JAVA = 17
JAVA_FIX = "apt-get install -y openjdk-17-jre-headless (scripts/tools.sh does it when run as root)"

_session = None
_folder: Path | None = None


def java_problem() -> str | None:
    """Why Spark cannot start here (no java, or one older than 17), or None."""
    java = shutil.which("java")
    if java is None:
        return f"java ({MINIMUM_JAVA} or later) is not on PATH: {JAVA_FIX}"
    result = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    found = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if not found:
        return f"could not read the version of {java}: {result.stderr.strip()!r}"
    major = int(found.group(1))
    if major == 1 and found.group(2):  # 1.8 and older spell the major version second
        major = int(found.group(2))
    if major < MINIMUM_JAVA:
        return f"{java} is Java {major}; Spark needs {MINIMUM_JAVA} or later: {JAVA_FIX}"
    return None


def _log_config(folder: Path) -> Path:
    """A log4j2 configuration that lets only errors through, to stderr."""
    path = folder / "log4j2.properties"
    path.write_text(
        "rootLogger.level = error\n"
        "rootLogger.appenderRef.stderr.ref = console\n"
        "appender.console.type = Console\n"
        "appender.console.name = console\n"
        "appender.console.target = SYSTEM_ERR\n"
        "appender.console.layout.type = PatternLayout\n"
        "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n\n",
        encoding="utf-8",
    )
    return path


def session():
    """The process's Spark session, started on first use."""
    global _session, _folder
    if _session is not None:
        return _session
    problem = java_problem()
    if problem:
        pytest.fail(problem, pytrace=False)
    from pyspark.sql import SparkSession

    _folder = Path(tempfile.mkdtemp(prefix="sluice-spark-"))
    logs = _log_config(_folder)
    java_options = f"-Dlog4j2.configurationFile={logs} -Dderby.system.home={_folder / 'derby'}"
    _session = (
        SparkSession.builder.master("local[1]")
        .appName("sluice-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.extraJavaOptions", java_options)
        .config("spark.sql.warehouse.dir", str(_folder / "warehouse"))
        .config(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            f"jdbc:derby:;databaseName={_folder / 'metastore_db'};create=true",
        )
        .config("spark.sql.shuffle.partitions", "1")
        .enableHiveSupport()
        .getOrCreate()
    )
    _session.sparkContext.setLogLevel("ERROR")
    atexit.register(_stop)
    return _session


def _stop() -> None:
    global _session
    if _session is not None:
        _session.stop()
        _session = None
    if _folder is not None:
        shutil.rmtree(_folder, ignore_errors=True)


@pytest.fixture(scope="session")
def spark():
    """The shared Spark session (see the module's doc)."""
    return session()
