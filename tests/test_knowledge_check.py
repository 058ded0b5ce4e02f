"""`python -m knowledge check` refuses every kind of bad entry, naming the file and the entry."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from knowledge.check import check

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"


@pytest.fixture
def tree(tmp_path):
    """A private copy of the knowledge folder to break on purpose."""
    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return copy


def edit_entries(tree: Path, file: str, change) -> None:
    path = tree / "faq" / file
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(entries)
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")


def run_check(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "knowledge", "check", "--root", str(tree)], capture_output=True, text=True, cwd=ROOT
    )


def test_the_real_knowledge_base_is_valid():
    assert check(KNOWLEDGE) == []


def test_a_valid_copy_passes_from_the_command_line(tree):
    result = run_check(tree)
    assert result.returncode == 0, result.stderr


def test_schema_error_names_file_and_entry(tree):
    edit_entries(tree, "administrative-group.yaml", lambda es: es[0].pop("answer"))
    result = run_check(tree)
    assert result.returncode == 1
    assert "faq/administrative-group.yaml: entry 1 (admin-what-is): 'answer' must be a non-empty text" in result.stderr


def test_too_few_variants(tree):
    edit_entries(tree, "administrative-group.yaml", lambda es: es[0].update(variants=es[0]["variants"][:2]))
    assert any("needs at least 5 different variants" in p for p in check(tree))


def test_duplicate_id(tree):
    edit_entries(tree, "decentralization.yaml", lambda es: es[0].update(id="admin-what-is"))
    problems = check(tree)
    assert any("admin-what-is: id is also used in faq/administrative-group.yaml" in p for p in problems)


def test_follow_up_to_a_missing_entry(tree):
    edit_entries(tree, "administrative-group.yaml", lambda es: es[0].update(follow_ups=["no-such-entry"]))
    assert any("follow-up 'no-such-entry' is not an entry" in p for p in check(tree))


def test_answer_over_the_length_limit(tree):
    edit_entries(tree, "administrative-group.yaml", lambda es: es[0].update(answer="ก" * 1200 + "ค่ะ"))
    assert any("admin-what-is: answer is 1203 characters, over 1000" in p for p in check(tree))


def test_answer_must_be_polite(tree):
    edit_entries(tree, "administrative-group.yaml", lambda es: es[0].update(answer="กลุ่มอำนวยการคือหน่วยงานของเขต"))
    assert any("admin-what-is: answer must end in ค่ะ" in p for p in check(tree))


def test_missing_source_document_and_section(tree):
    def change(es):
        es[0]["source"] = {"document": "nowhere.txt", "section": "x"}
        es[1]["source"]["section"] = "ข้อความที่ไม่มีในเอกสาร"

    edit_entries(tree, "administrative-group.yaml", change)
    problems = check(tree)
    assert any("source document 'nowhere.txt' is not in sources/" in p for p in problems)
    assert any("section 'ข้อความที่ไม่มีในเอกสาร' is not in" in p for p in problems)


def test_nearly_the_same_question_in_two_entries(tree):
    def change(es):
        es[1]["variants"].append(es[0]["variants"][0] + "นะคะ")

    edit_entries(tree, "administrative-group.yaml", change)
    assert any("is the same or nearly the same question as" in p for p in check(tree))


def test_broken_text_in_an_entry_is_refused(tree):
    broken = "กล มอำนวยการ เขตพ นท เป นหน วยงานท ม หน าท หล กในการวางแผนค่ะ"
    edit_entries(tree, "administrative-group.yaml", lambda es: es[0].update(answer=broken))
    assert any("admin-what-is: broken Thai text in answer" in p for p in check(tree))


def test_the_source_document_as_it_arrived_is_refused(tree):
    shutil.copy(ROOT / "tests" / "data" / "duties-as-arrived.txt", tree / "sources" / "duties-of-the-administrative-group.txt")
    result = run_check(tree)
    assert result.returncode == 1
    assert result.stderr.count("sources/duties-of-the-administrative-group.txt: broken Thai text") >= 3


def test_requires_must_name_a_setting(tree):
    edit_entries(tree, "office.yaml", lambda es: es[1].update(requires=["fax"]))
    assert any("requires 'fax', which is not in settings.yaml" in p for p in check(tree))


def test_placeholder_needs_requires(tree):
    edit_entries(tree, "office.yaml", lambda es: es[1].update(requires=[]))
    assert any("does not list it in requires" in p for p in check(tree))


def test_a_setting_must_not_run_into_the_next_word(tree):
    """The short name ends in a number, which the next Thai word must not touch ("…เขต 2ตอบค่ะ")."""
    edit_entries(tree, "service.yaml", lambda es: es[0].update(answer="บริการนี้เป็นของ{office_short_name}ตอบค่ะ"))
    assert any("service-capabilities: answer runs the next word into {office_short_name}" in p for p in check(tree))


def test_not_yaml(tree):
    (tree / "faq" / "broken.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    assert any("broken.yaml: not valid YAML" in p for p in check(tree))


@pytest.mark.parametrize(
    "file, key",
    [("synonyms.yaml", "not_words"), ("synonyms.yaml", "domain_words"), ("scope.yaml", "item_counters"),
     ("scope.yaml", "frame_words"), ("scope.yaml", "disclaimers"), ("scope.yaml", "announcing_entries"),
     ("scope.yaml", "thanks_remarks"), ("scope.yaml", "leaving_remarks"), ("scope.yaml", "contents_asked"),
     ("scope.yaml", "other_items_asked"), ("scope.yaml", "home_districts")],
)
def test_word_lists_must_be_lists_of_words(tree, file, key):
    path = tree / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[key] = "เจ้าหน้า"  # one word, not a list of them
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert f"{file}: {key}: must be a list of words" in check(tree)


@pytest.mark.parametrize("value", ["no-such-entry", "admin-what-is"])  # missing; an FAQ entry, not small talk
def test_announcing_entries_must_be_small_talk_entries(tree, value):
    path = tree / "scope.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["announcing_entries"] = ["smalltalk-may-i-ask", value]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert f"scope.yaml: announcing_entries: {value!r} is not the id of a small-talk entry" in check(tree)


@pytest.mark.parametrize(
    "value, problem",
    [
        ({"no-such-entry": [["ด้านวิชาการ"]]}, "scope.yaml: named_only: 'no-such-entry' is not the id of an FAQ entry"),
        ({"smalltalk-thanks": [["ขอบคุณ"]]}, "scope.yaml: named_only: 'smalltalk-thanks' is not the id of an FAQ entry"),
        ({"decent-four-areas": ["ด้านวิชาการ"]},  # an item must be a list of its written forms
         "scope.yaml: named_only: decent-four-areas: must be a list of items, each a list of words"),
        (["decent-four-areas"], "scope.yaml: named_only: must map an entry id to its items, each a list of words"),
    ],
)
def test_named_only_lists_items_of_faq_entries(tree, value, problem):
    path = tree / "scope.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["named_only"] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert problem in check(tree)


@pytest.mark.parametrize("key", ["reaction_entry", "bot_or_person_entry", "thanks_entry", "goodbye_entry", "okay_entry"])
@pytest.mark.parametrize("value", ["no-such-entry", "admin-what-is"])  # missing; an FAQ entry, not small talk
def test_the_reaction_thanks_goodbye_and_okay_entries_must_be_small_talk_entries(tree, key, value):
    path = tree / "scope.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[key] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert f"scope.yaml: {key}: {value!r} is not the id of a small-talk entry" in check(tree)


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda o: o["lists"][0].update(page="no-such-page"), "outline.yaml: lists: 1: page 'no-such-page' is not one of pages"),
        (lambda o: o["lists"][0].update(called=["บรรทัด"]), "outline.yaml: lists: 1: called: must be a list of ข้อ, หัวข้อ, ด้าน, วงเล็บ"),
        (lambda o: o["lists"][0].update(items="หัวข้อเดียว"), "outline.yaml: lists: 1: items (and names, if given) must be lists of words"),
        (lambda o: o["lists"][0].update(entry="no-such-entry"), "outline.yaml: lists: 1: entry: 'no-such-entry' is not the id of an FAQ entry"),
        (lambda o: o["lists"][0].update(order=1), "outline.yaml: lists: 1: must be a mapping with only the keys called, entry, items, names, page"),
        (lambda o: o.update(read_words="คือ"), "outline.yaml: read_words: must be a list of words"),
        (lambda o: o["parts"]["duties"][0].pop("known_as"),
         "outline.yaml: parts: duties: each part must be words and the words it is known as"),
        (lambda o: o["parts"].update(manual=[]), "outline.yaml: parts: 'manual' is not one of pages"),
    ],
)
def test_the_outline_of_the_pages_is_checked(tree, change, problem):
    path = tree / "outline.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert problem in check(tree)
