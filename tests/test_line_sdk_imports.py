"""line-bot-sdk's unused clients stay unloaded, a web process that only stores events loads the SDK at its first
webhook (bot/channels/line_sdk.py), and the LINE channel still works.

Each check runs in a fresh Python process: in this one, whichever test module imported linebot first decides
what is loaded."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ANSWER_ONE_LINE_EVENT = """
import json, sys
sys.path.insert(0, "tests")
from bot import create_app
from fake_line_api import REPLY, SECRET, TOKEN, FakeLineApi, Webhook, deliver, text_event

fake = FakeLineApi().start()
app = create_app({
    "TESTING": True, "AUTO_MIGRATE": True, "DATABASE_URL": "sqlite:///" + sys.argv[1], "SECRET_KEY": "k",
    "LINE_CHANNEL_SECRET": SECRET, "LINE_CHANNEL_ACCESS_TOKEN": TOKEN, "LINE_API_BASE_URL": fake.base_url,
})
line = app.extensions["line"]
deliver(Webhook(app.test_client()), line, text_event("กลุ่มอำนวยการมีหน้าที่อะไร"))
line.close()
fake.close()
print(json.dumps({
    "replies": [call.texts for call in fake.accepted(REPLY)],
    "loaded": sorted(m for m in ("aiohttp.client", "requests.sessions") if m in sys.modules),
}))
"""

STORE_ONLY_PROCESS = """
import json, sys
sys.path.insert(0, "tests")
from sqlalchemy import func, select
from bot import create_app
from bot.tables import ProcessedEvent
from fake_line_api import SECRET, TOKEN, FakeLineApi, Webhook, text_event

def loaded():
    return sorted(m for m in ("linebot", "linebot.v3.webhooks", "linebot.v3.messaging") if m in sys.modules)

fake = FakeLineApi().start()
app = create_app({
    "TESTING": True, "AUTO_MIGRATE": True, "DATABASE_URL": "sqlite:///" + sys.argv[1], "SECRET_KEY": "k",
    "LINE_CHANNEL_SECRET": SECRET, "LINE_CHANNEL_ACCESS_TOKEN": TOKEN, "LINE_API_BASE_URL": fake.base_url,
    "LINE_ANSWERS": "worker",
})
at_start = loaded()
webhook = Webhook(app.test_client())
body = json.dumps({"destination": "Ubot", "events": [text_event("กลุ่มอำนวยการมีหน้าที่อะไร")]}).encode()
unsigned = webhook.post_raw(body, sign=False).status_code
wrongly_signed = Webhook(app.test_client(), secret="another-secret").post_raw(body).status_code
signed = webhook.post_raw(body).status_code
with app.extensions["db"].session() as s:
    stored = s.scalar(select(func.count()).select_from(ProcessedEvent))
fake.close()
print(json.dumps({"at_start": at_start, "statuses": [unsigned, wrongly_signed, signed], "stored": stored,
                  "after": loaded()}))
"""

FIRST_READ_LOADS_THE_MODULE = """
import json, sys
import bot.channels
stand_in = sys.modules["aiohttp"]
before = type(stand_in).__name__, "aiohttp.client" in sys.modules
session = stand_in.ClientSession  # the first read of anything it lacks
import aiohttp
print(json.dumps({
    "before": before,
    "read": session.__module__,
    "after": [type(sys.modules["aiohttp"]).__name__, "aiohttp.client" in sys.modules, aiohttp is sys.modules["aiohttp"]],
}))
"""


def run(script: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, env=os.environ.copy(),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_a_line_event_is_answered_without_loading_aiohttp_or_requests(tmp_path):
    result = run(ANSWER_ONE_LINE_EVENT, str(tmp_path / "bot.sqlite3"))
    assert len(result["replies"]) == 1 and "ค่ะ" in result["replies"][0][0]
    assert result["loaded"] == []


def test_reading_from_a_stand_in_loads_the_real_module_in_its_place():
    result = run(FIRST_READ_LOADS_THE_MODULE)
    assert result["before"] == ["_LoadedOnFirstUse", False]
    assert result["read"] == "aiohttp.client"
    assert result["after"] == ["module", True, True]


def test_a_store_only_process_starts_without_the_sdk_and_loads_what_checking_signatures_needs(tmp_path):
    result = run(STORE_ONLY_PROCESS, str(tmp_path / "bot.sqlite3"))
    assert result["at_start"] == []
    assert result["statuses"] == [400, 400, 200]
    assert result["stored"] == 1
    assert result["after"] == ["linebot", "linebot.v3.webhooks"]  # nothing to send yet: no messaging module
