"""Results on disk: one JSON per claim (written atomically), and a summary table.

`results/<id>.json` holds the claim's fields, the measured points, every curve with its
confidence band, the check's outcome (estimate, CI, reason, parts), timings, backend and
versions. Writing goes through a temporary file and a rename, so an interrupted run never
leaves a half-written result.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

SUMMARY_FIELDS = (
    "id",
    "paper",
    "kind",
    "expected",
    "verdict",
    "control_of",
    "claimed",
    "estimate",
    "ci",
    "reason",
    "wall_s",
    "compile_s",
    "figures",
)


def clean(value: Any) -> Any:
    """JSON-safe copy: non-finite floats become null, tuples lists, numpy scalars floats."""
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def write_atomic(path: Path, text: str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dumps(data: Any) -> str:
    return json.dumps(clean(data), indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def save(result: dict[str, Any], out: Path) -> Path:
    path = Path(out) / f"{result['id']}.json"
    write_atomic(path, dumps(result))
    return path


_REQUIRED = ("id", "verdict", "expected", "kind", "claimed", "reason", "outcome", "curves")


def load_checked(claim_id: str, out: Path) -> tuple[dict[str, Any] | None, str | None]:
    """(result, None), or (None, why) when it is missing, unreadable, truncated or corrupt."""
    path = Path(out) / f"{claim_id}.json"
    if not path.exists():
        return None, "missing"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return None, f"corrupt result file {path}: {type(err).__name__}"
    if not isinstance(data, dict) or data.get("id") != claim_id or any(k not in data for k in _REQUIRED):
        return None, f"corrupt result file {path}: fields missing or wrong id"
    return data, None


def load(claim_id: str, out: Path) -> dict[str, Any] | None:
    """A saved result, or None when absent or unreadable (a corrupt file is not trusted)."""
    return load_checked(claim_id, out)[0]


def summary_entry(result: dict[str, Any]) -> dict[str, Any]:
    entry = {k: result.get(k) for k in SUMMARY_FIELDS}
    entry["paper"] = (result.get("paper") or {}).get("title")
    return entry


def summary(results: list[dict[str, Any]], env: dict[str, Any]) -> dict[str, Any]:
    """The documented JSON contract: {"claims": [...], "backend", "versions"}."""
    entries = []
    for r in results:
        entry = summary_entry(r)
        entry["source"] = r.get("source")
        if r.get("control_of"):  # what the control changes against its claim; mechanism: the run
            entry["changes"], entry["mechanism"] = r.get("changes"), r.get("mechanism")
        entries.append(entry)
    return {"claims": entries, "backend": env.get("backend"), "versions": env.get("versions")}


def write_parquet(results: list[dict[str, Any]], path: Path) -> bool:
    """The summary table as parquet when pyarrow is installed; False when it is not."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return False
    rows = [clean(summary_entry(r)) for r in results]
    for row in rows:
        row["ci_lo"], row["ci_hi"] = row.pop("ci") or [None, None]
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(pa.Table.from_pylist(rows), tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return True


def summary_csv(results: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=SUMMARY_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in results:
        row = clean(summary_entry(r))
        ci = row["ci"] or []
        row["ci"] = ";".join("" if v is None else f"{v:.4g}" for v in ci)
        row["figures"] = ";".join(row["figures"] or [])
        writer.writerow(row)
    return buf.getvalue()
