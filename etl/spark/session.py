"""A local SparkSession for `newsfacts spark` and the tests, after checking what Spark needs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from etl.errors import NewsfactsError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

MIN_JAVA = 17
LOG4J = Path(__file__).with_name("log4j2.properties")
LOCAL_JVM_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


def java_version() -> int:
    """The major version of the Java that Spark will start (JAVA_HOME's, else the one on PATH)."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).exists():
        raise NewsfactsError(f"the Spark path needs Java {MIN_JAVA} or newer, and no `java` was found "
                             "(install a JDK or JRE, e.g. `apt-get install openjdk-17-jre-headless`, or set JAVA_HOME)")
    try:
        shown = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60).stderr
    except (OSError, subprocess.TimeoutExpired) as e:
        raise NewsfactsError(f"cannot run {java} -version: {e}") from e
    m = re.search(r'version "(\d+)(?:\.(\d+))?', shown)
    if not m:
        raise NewsfactsError(f"cannot tell the version of {java}: {shown.strip()[:200]}")
    major = int(m.group(2)) if m.group(1) == "1" else int(m.group(1))  # "1.8.0" is Java 8
    if major < MIN_JAVA:
        raise NewsfactsError(f"the Spark path needs Java {MIN_JAVA} or newer; {java} is Java {major}")
    return major


def require_pyspark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise NewsfactsError("the Spark path needs pyspark: pip install -e '.[spark]'") from None


def local_session(cores: int = 2, *, progress: bool = True) -> SparkSession:
    """Spark in this process's machine, `cores` task slots, Python workers on this interpreter."""
    require_pyspark()
    java_version()
    from pyspark.sql import SparkSession

    # the workers must run this interpreter (its packages), not whichever `python3` is on PATH
    os.environ["PYSPARK_PYTHON"] = sys.executable
    # The local JVM only lists, shuffles and writes (the Python workers extract): its optimizing JIT
    # and parallel GC threads would take the cores from them (measured on 1,000 articles in
    # local[2]: the JVM used 52 CPU-s with the defaults, 19 with the client JIT and the serial GC).
    java_opts = f"-Dlog4j2.configurationFile={LOG4J.as_uri()} {LOCAL_JVM_FLAGS}"
    return (SparkSession.builder.master(f"local[{cores}]").appName("newsfacts")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", str(progress).lower())
            .config("spark.driver.extraJavaOptions", java_opts)
            .config("spark.sql.shuffle.partitions", str(cores * 4))
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate())
