"""Bad input on the command line (`python -m bot ...`), property-based: questions, answers, staff names, passwords
and user ids with zero-width characters, emoji, lone combining marks, 10,000 characters, SQL and HTML
fragments, bytes that are not UTF-8 (as the shell hands them over), and ticket numbers of any size.

Each command either does its job (exit 0, its normal output) or says what is wrong on stderr and exits
non-zero; it never ends in a Python traceback. The examples run `bot.cli.main` in-process, with standard
streams that decode and encode UTF-8 strictly (as in a th_TH.UTF-8 terminal) and the test's model; a
handful of cases run the real `python -m bot` to check the same end to end.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot import cli
from bot.model import save_bundle
from bot.tables import Message, StaffUser
from nasty_text import pieces, repeated
from staff_support import seed_ticket

ROOT = Path(__file__).resolve().parent.parent
FIELDS = {"status", "reply", "faq_id", "confidence", "suggestions"}
FUZZ = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FEW = settings(FUZZ, max_examples=10)

FRAGMENTS = (
    "' OR '1'='1",
    "'; DROP TABLE tickets; --",
    "%",
    "_",
    "\\",
    "<script>alert(1)</script>",
    "</textarea>",
    "{{ 7*7 }}",
    "{0}",
    "%s",
    "\x1b[31m",
    "\t",
    "-",
    "--",
    "--help",
    "-h",
    "ค่ะ",
    "กลุ่มอำนวยการมีหน้าที่อะไร",
    "ย้ายโรงเรียน",
)
PIECES = pieces(FRAGMENTS, separators=(" ", "\n"))
# What a shell can pass as one argument: anything but NUL; bytes that are not UTF-8 arrive as lone surrogates.
ARG_TEXT = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=200),
    st.lists(PIECES, max_size=30).map("".join),
    st.binary(max_size=40).filter(lambda b: b"\x00" not in b).map(lambda b: b.decode("utf-8", "surrogateescape")),
    repeated(("ก", "a", "😀", "\u200b", "\u0e49", " "), (4000, 4001, 10_000)),
)
TICKET_NUMBERS = st.one_of(
    st.integers(-5, 2**31 + 5).map(str),
    st.integers(2**31, 10**30).map(str),
    st.sampled_from(("1e3", "0x1", "๑", "1_0", " 1", "")),
    ARG_TEXT,
)


@pytest.fixture
def bot_env(app, answerer, monkeypatch, tmp_path):
    """The commands' environment: the test app's database, a key, no model build (the test's model)."""
    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", app.config["SECRET_KEY"])
    for name in ("LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN", "USER_ID_HASH_KEY", "MODEL_PATH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("bot.cli.load_answerer", lambda save=True: answerer)
    monkeypatch.setattr("bot.app.load_answerer", lambda save=True: answerer)
    return app


def run(monkeypatch, argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    """`python -m bot <argv>` in-process: (exit code, stdout, stderr). Any exception but SystemExit fails the test,
    as it would have ended in a traceback."""
    out, err = io.BytesIO(), io.BytesIO()
    streams = {
        "stdin": io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"),
        "stdout": io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        "stderr": io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True),
    }
    with monkeypatch.context() as m:
        for name, stream in streams.items():
            m.setattr(sys, name, stream)
        try:
            code = cli.main(argv)
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


def _help(code: int, out: str) -> bool:
    """argparse's own answer to an argument such as "-h" among the fuzzed ones: its usage, exit 0."""
    return code == 0 and out.startswith("usage:")


def _failed_clearly(code: int, err: str) -> None:
    assert code != 0
    assert err.strip(), "a failing command must say why on stderr"
    assert "Traceback" not in err


def _visible(text: str) -> bool:
    return any(ch.isprintable() and not ch.isspace() for ch in text)


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# -- ask ---------------------------------------------------------------------------------------------------------


@FUZZ
@given(question=ARG_TEXT)
def test_ask_any_question_prints_one_answer_or_a_clear_error(bot_env, monkeypatch, question):
    code, out, err = run(monkeypatch, ["ask", question])
    if question.startswith("-"):  # an option to argparse; "--" ends them, and the questions come from stdin
        assert code in (0, 2) and "Traceback" not in err
        return
    if code == 0:
        (line,) = out.splitlines()
        assert set(json.loads(line)) == FIELDS
    else:
        _failed_clearly(code, err)
        assert out == ""
        assert not question.strip() or not _is_text(question), (code, err)


@FUZZ
@given(
    lines=st.lists(
        st.one_of(ARG_TEXT.map(lambda t: t.encode("utf-8", "surrogateescape")), st.binary(max_size=60)), max_size=6
    ),
    end=st.sampled_from((b"\n", b"\r\n", b"")),
)
def test_ask_reads_any_bytes_from_stdin_and_answers_each_line(bot_env, monkeypatch, lines, end):
    code, out, err = run(monkeypatch, ["ask"], stdin=b"\n".join(lines) + end)
    assert code in (0, 1), (code, err)
    assert "Traceback" not in err
    objs = [json.loads(line) for line in out.splitlines()]
    for obj in objs:
        assert set(obj) == FIELDS or ("error" in obj and isinstance(obj["line"], int))
    assert (code == 1) == any("error" in obj for obj in objs)


# -- answer ------------------------------------------------------------------------------------------------------


@FUZZ
@given(text=ARG_TEXT, staff=st.one_of(st.none(), ARG_TEXT, st.integers(79, 300).map(lambda n: "ส" * n)))
def test_answer_any_text_is_saved_readable_or_refused_clearly(bot_env, monkeypatch, text, staff):
    ticket_id = seed_ticket(bot_env, "ขอเบอร์โทรกลุ่มบริหารงานบุคคล")
    argv = ["answer", str(ticket_id), text] + ([] if staff is None else ["--staff", staff])
    code, out, err = run(monkeypatch, argv)
    if _help(code, out):
        return
    with bot_env.extensions["db"].session() as s:
        saved = list(s.scalars(select(Message.text).where(Message.ticket_id == ticket_id, Message.author == "staff")))
    if code == 0:
        assert f"ticket {ticket_id} answered" in out
        assert len(saved) == 1 and _visible(saved[0])
    else:
        _failed_clearly(code, err)
        assert saved == []


@FUZZ
@given(ticket=TICKET_NUMBERS)
def test_answer_any_ticket_number_is_answered_or_refused_clearly(bot_env, monkeypatch, ticket):
    seed_ticket(bot_env, "ขอเบอร์โทรกลุ่มบริหารงานบุคคล")
    code, out, err = run(monkeypatch, ["answer", ticket, "โทร 077-000000 ค่ะ"])
    if _help(code, out):
        return
    if code == 0:
        assert "answered" in out
    else:
        _failed_clearly(code, err)


# -- staff add, forget, tickets ------------------------------------------------------------------------------------


@FUZZ
@given(name=ARG_TEXT, password=ARG_TEXT, again=st.one_of(st.none(), ARG_TEXT))
def test_staff_add_any_name_and_password_adds_or_refuses_clearly(bot_env, monkeypatch, name, password, again):
    stdin = password.encode("utf-8", "surrogateescape") + (
        b"" if again is None else b"\n" + again.encode("utf-8", "surrogateescape")
    )
    code, out, err = run(monkeypatch, ["staff", "add", name], stdin=stdin)
    if _help(code, out):
        return
    if code == 0:
        assert "added" in out
        with bot_env.extensions["db"].session() as s:
            assert s.scalars(select(StaffUser.id).where(StaffUser.name == name.strip())).first() is not None
    else:
        _failed_clearly(code, err)


@FEW
@given(user_id=ARG_TEXT, channel=st.one_of(st.none(), st.sampled_from(("line", "web", "LINE", "sms", ""))))
def test_forget_any_user_id_deletes_or_refuses_clearly(bot_env, monkeypatch, user_id, channel):
    code, out, err = run(monkeypatch, ["forget", user_id] + ([] if channel is None else ["--channel", channel]))
    if _help(code, out):
        return
    if code == 0:
        assert out.startswith("forget: deleted")
    else:
        _failed_clearly(code, err)


@FEW
@given(args=st.lists(ARG_TEXT, max_size=3))
def test_tickets_with_any_arguments_lists_or_refuses_clearly(bot_env, monkeypatch, args):
    seed_ticket(bot_env, "<script>alert(1)</script> ' OR 1=1 -- 😀\u200b")
    code, out, err = run(monkeypatch, ["tickets", *args])
    if _help(code, out):
        return
    if code == 0:
        for line in out.splitlines():
            assert {"id", "status", "channel", "question", "created_at"} <= set(json.loads(line))
    else:
        _failed_clearly(code, err)


# -- the real `python -m bot`, a handful of cases --------------------------------------------------------------------


@pytest.fixture(scope="module")
def saved_model(bundle, tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "model.pkl"
    save_bundle(bundle, path)
    return path


def python_m_bot(
    args: list[bytes], tmp_path: Path, saved_model: Path, stdin: bytes = b""
) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "INSTANCE_PATH": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "MODEL_PATH": str(saved_model),
        "SECRET_KEY": "test-secret-key",
        "PYTHAINLP_OFFLINE": "1",
        "PYTHONIOENCODING": "utf-8:strict",  # as in a th_TH.UTF-8 terminal: no surrogateescape
    }
    return subprocess.run(
        [sys.executable.encode(), b"-m", b"bot", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


MIXED_STDIN = (
    "สวัสดีค่ะ\n".encode()
    + b"\xff\xfe\n"
    + "\u200b\u0e49\n<b>x</b>' OR 1=1 --\n".encode()
    + b"\xe0\xb8\n"
    + "ก".encode() * 10_000
)


@pytest.mark.parametrize(
    "args, stdin, code, says",
    [
        ([b"ask"], MIXED_STDIN, 1, ""),
        ([b"staff", b"add", b"som\xffchai"], b"a-long-enough-password\n", 2, "not valid UTF-8"),
        ([b"answer", b"99999999999999999999", "คำตอบค่ะ".encode()], b"", 2, "ticket number"),
    ],
    ids=["ask-stdin-not-utf8", "staff-add-argv-not-utf8", "answer-huge-ticket"],
)
def test_python_m_bot_never_ends_in_a_traceback(tmp_path, saved_model, args, stdin, code, says):
    run_ = python_m_bot(args, tmp_path, saved_model, stdin)
    err = run_.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-2000:]
    assert run_.returncode == code and says in err, (run_.returncode, err[-500:])
    lines = run_.stdout.decode("utf-8").splitlines()  # what it prints is UTF-8
    if args == [b"ask"]:
        objs = [json.loads(line) for line in lines]
        assert len(objs) == 6 and [n for n, o in enumerate(objs, 1) if "error" in o] == [2, 5]
