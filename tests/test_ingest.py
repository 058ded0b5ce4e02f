"""Drafting entries from a new office document."""
import subprocess
import sys
from pathlib import Path

import yaml

from knowledge.ingest import ingest, split_items

ROOT = Path(__file__).resolve().parent.parent
ARRIVED = ROOT / "tests" / "data" / "duties-as-arrived.txt"


def test_items_run_together_are_split_by_title():
    lead, items = split_items(
        "หน้าที่หลักสรุปได้ดังนี้:การวางแผนและกำหนดนโยบาย: วางแผนงานให้มีประสิทธิภาพการประสานงานและการติดตามผล: "
        "ประสานกับหน่วยงานอื่นในการทำงานการตรวจสอบและประเมินผล: ตรวจสอบผลการดำเนินงาน"
    )
    assert lead == "หน้าที่หลักสรุปได้ดังนี้"
    assert [t for t, _ in items] == ["การวางแผนและกำหนดนโยบาย", "การประสานงานและการติดตามผล", "การตรวจสอบและประเมินผล"]
    assert items[1][1] == "ประสานกับหน่วยงานอื่นในการทำงาน"


def test_the_duties_article_gives_one_draft_per_duty_and_flags_the_broken_part():
    result = ingest(ARRIVED)
    questions = [d.question for d in result.drafts]
    for duty in ("การวางแผนและกำหนดนโยบาย", "การประสานงานและการติดตามผล", "การให้คำปรึกษาและสนับสนุน",
                 "การตรวจสอบและประเมินผล", "การจัดการทรัพยากร", "การประสานงานกับหน่วยงานอื่นๆ"):
        assert duty in questions
    assert len(result.flagged) == 3
    assert not any("ส งคม" in d.text for d in result.drafts)


def test_html_documents_use_their_headings(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>x</title><script>var a=1;</script></head><body><h2>การรับสมัครงาน</h2>"
        "<p>สำนักงานประกาศรับสมัครตามประกาศที่เผยแพร่ในแต่ละปีการศึกษา</p></body></html>",
        encoding="utf-8",
    )
    result = ingest(page)
    assert [(d.question, d.text) for d in result.drafts] == [
        ("การรับสมัครงาน", "สำนักงานประกาศรับสมัครตามประกาศที่เผยแพร่ในแต่ละปีการศึกษา")
    ]


def test_command_writes_drafts_with_sources_and_reports_broken_text(tmp_path):
    out = tmp_path / "drafts.yaml"
    run = subprocess.run(
        [sys.executable, "-m", "knowledge", "ingest", str(ARRIVED), "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.count("broken Thai text") == 3
    drafts = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert all(d["source"]["document"] == ARRIVED.name and d["source"]["section"] for d in drafts)
    assert any(d["question"] == "การจัดการทรัพยากร" for d in drafts)


def test_missing_file_is_a_clear_error(tmp_path):
    run = subprocess.run([sys.executable, "-m", "knowledge", "ingest", str(tmp_path / "nope.txt")],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and "no such file" in run.stderr
