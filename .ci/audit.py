"""CI's check for known vulnerabilities: pip-audit over the pinned requirements and what they pull in.

Fails CI on any known vulnerability. pip-audit takes its vulnerability data from PyPI's JSON API. A package
index without that API (the build machines' mirror serves only the simple index) leaves every package
unaudited, and pip-audit then still prints "No known vulnerabilities found". This prints plainly what was
not audited, and why, instead; it does not fail CI for that, since no change to the project can fix it.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "audit.json"
        run = subprocess.run(
            [sys.executable, "-m", "pip_audit", "-r", str(ROOT / "requirements.txt"), "--progress-spinner", "off",
             "-f", "json", "-o", str(report)],
            capture_output=True, text=True,
        )
        if not report.exists():
            print(f"audit: pip-audit failed (exit {run.returncode}):\n{run.stderr.strip()}")
            return 1
        packages = json.loads(report.read_text())["dependencies"]
    skipped = [p for p in packages if p.get("skip_reason")]
    vulnerable = [p for p in packages if p.get("vulns")]
    for p in vulnerable:
        for v in p["vulns"]:
            fixed = ", ".join(v.get("fix_versions") or []) or "no fixed release yet"
            print(f"audit: {p['name']} {p['version']}: {v['id']} (fixed in: {fixed})")
    audited = len(packages) - len(skipped)
    print(f"audit: {audited} of {len(packages)} packages checked for known vulnerabilities, {len(vulnerable)} vulnerable")
    if skipped:
        print(f"audit: not checked ({len(skipped)}), e.g. {skipped[0]['skip_reason']}")
        if not audited:
            print("audit: NOTHING WAS AUDITED: this machine's package index has no vulnerability data (PyPI's JSON API)")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
