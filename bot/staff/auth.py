"""Staff accounts: password hashes, and signing in with a lock-out that slows down password guessing."""
from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from bot.db import Database
from bot.staff.clock import as_utc, utcnow
from bot.tables import StaffUser

HASH_METHOD = "scrypt"
MIN_PASSWORD_CHARS = 10
MAX_NAME_CHARS = 80
MAX_FAILED_LOGINS = 5
LOCK_TIME = timedelta(minutes=15)


class AccountError(ValueError):
    """A staff account that cannot be made as asked; the message says why."""


def add_staff(db: Database, name: str, password: str) -> None:
    name = name.strip()
    if not name or len(name) > MAX_NAME_CHARS or any(c.isspace() for c in name):
        raise AccountError(f"the name must be 1 to {MAX_NAME_CHARS} characters without spaces")
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"the password must be at least {MIN_PASSWORD_CHARS} characters")
    with db.session() as s:
        if s.scalars(select(StaffUser.id).where(StaffUser.name == name)).first() is not None:
            raise AccountError(f"a staff user named {name!r} already exists")
        s.add(StaffUser(name=name, password_hash=generate_password_hash(password, method=HASH_METHOD)))


@lru_cache(maxsize=1)
def _decoy_hash() -> str:
    return generate_password_hash("not-anyone's-password", method=HASH_METHOD)


def authenticate(db: Database, name: str, password: str) -> bool:
    """True when the name and password match an account that is not locked.

    Every failure looks the same to the caller (unknown name, wrong password, locked account), and an unknown
    name costs the same hashing time, so neither the answer nor its timing tells which accounts exist. The
    fifth failure in a row locks the account for 15 minutes, even for the right password."""
    now = utcnow()
    with db.session() as s:
        user = s.scalars(select(StaffUser).where(StaffUser.name == name.strip())).first()
        if user is None:
            check_password_hash(_decoy_hash(), password)
            return False
        if user.locked_until is not None:
            if as_utc(user.locked_until) > now:
                check_password_hash(_decoy_hash(), password)
                return False
            user.locked_until, user.failed_logins = None, 0
        if check_password_hash(user.password_hash, password):
            user.failed_logins = 0
            return True
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now + LOCK_TIME
        return False


def exists(db: Database, name: str) -> bool:
    with db.session() as s:
        return s.scalars(select(StaffUser.id).where(StaffUser.name == name)).first() is not None
