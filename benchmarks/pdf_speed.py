"""`strategy-bible pdf` on the repository's examples: for each client, its latest review's report
(when it has a review) and its whole bible, each made by the real command in its own process. Prints
a Markdown section: pages, wall time, and how much of it is the build of the client's pages (the
rest is assembling and printing twice).

.venv/bin/python -m benchmarks.pdf_speed          # needs a Chromium (make browser)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[1]
CLIENTS = ["brasserie-du-canal", "librairie-des-pentes", "northwind-cycles"]


def measure(project: Path, slug: str, bible: bool) -> dict | None:
    """One run of the command; None when the client has no review to print."""
    out = project / f"{slug}-{'bible' if bible else 'review'}.pdf"
    command = [sys.executable, "-m", "strategy_bible.commands.cli", "pdf", slug, "--out", str(out)]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    # --bible prints a line per step; a review is timed whole (its build is the same build)
    run = subprocess.Popen(
        [*command, "--bible"] if bible else command, cwd=project, env=environment, stderr=subprocess.PIPE, text=True
    )
    built = None
    assert run.stderr is not None
    for line in run.stderr:
        if line.startswith("assembling"):
            built = time.perf_counter() - started
    run.wait()
    total = time.perf_counter() - started
    if run.returncode != 0:
        return None
    return {"pages": len(PdfReader(out).pages), "seconds": total, "build": built, "kib": out.stat().st_size // 1024}


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="sb-pdf-bench-") as folder:
        project = Path(folder)
        shutil.copy(REPO / "mkdocs.yml", project)
        shutil.copytree(REPO / "pages", project / "pages")
        shutil.copytree(REPO / "strategies", project / "strategies")
        load = os.getloadavg()[0]
        for slug in CLIENTS:
            for bible in (False, True):
                found = measure(project, slug, bible)
                what = "whole bible" if bible else "latest review"
                if found is None:
                    rows.append(f"| {slug} | {what} | no review | | | |")
                    continue
                build = f"{found['build']:.1f} s" if found["build"] else ""
                rows.append(
                    f"| {slug} | {what} | {found['pages']} | {found['seconds']:.1f} s | {build} | {found['kib']} KiB |"
                )
                print(rows[-1], flush=True)
    print(f"\nload average before the run: {load:.2f}\n")
    print("| Client | PDF | Pages | Wall time | of which the build | Size |\n| --- | --- | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
