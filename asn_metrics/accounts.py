"""Accounts and roles (issue 15): who may see and change what, and how passwords are kept.

Roles: ``admin`` (everything, accounts, settings), ``pimpinan`` (every page and agency, personal data),
``evaluator`` (uploads, undo and views of their own agencies only), ``tamu`` (aggregates only). Passwords are
kept as Argon2id hashes (argon2-cffi's defaults: RFC 9106's second recommended parameter set), never as text.
"""

from __future__ import annotations

import re
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

ROLES: Final = ("admin", "pimpinan", "evaluator", "tamu")
ROLE_NAMES: Final = {
    "admin": "Admin",
    "pimpinan": "Pimpinan",
    "evaluator": "Evaluator",
    "tamu": "Tamu",
}
#: Only evaluators are limited to agencies; the other roles see the whole province.
SCOPED_ROLES: Final = ("evaluator",)
#: Roles that may read names and NIPs; a guest (``tamu``) sees aggregates only.
PERSONAL_ROLES: Final = ("admin", "pimpinan", "evaluator")
#: Roles that may upload and undo (an evaluator within their agencies).
UPLOAD_ROLES: Final = ("admin", "pimpinan", "evaluator")
#: Pages open to some roles only (by their URL path); every other page is open to every role.
RESTRICTED_PAGES: Final = {
    "kinerja-pegawai": PERSONAL_ROLES,
    "unggah": UPLOAD_ROLES,
    "admin": ("admin",),
}
MIN_PASSWORD: Final = 10
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
#: An account for single sign-on is named by its e-mail address, as the identity provider gives it.
_EMAIL = re.compile(r"^[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(\.[a-z0-9-]+)+$")
_HASHER = PasswordHasher()  # Argon2id


def may_open(role: str, page: str) -> bool:
    """Whether ``role`` may open the page at URL path ``page`` (by the menu or by typing its address)."""
    return role in RESTRICTED_PAGES.get(page, ROLES)


def account_scope(role: str, agencies: tuple[str, ...]) -> tuple[str, ...] | None:
    """The agencies an account's views are limited to: an evaluator's codes, None (the province) otherwise."""
    return agencies if role in SCOPED_ROLES else None


class AccountError(ValueError):
    """An account request that cannot be carried out; the message is Indonesian."""


def check_name(name: str) -> str:
    if not (_NAME.match(name) or (len(name) <= 64 and _EMAIL.match(name))):
        raise AccountError(
            f"Nama akun {name!r} tidak sah: 3-64 karakter huruf kecil, angka, titik, garis bawah atau tanda "
            "hubung, diawali huruf atau angka (mis. budi.santoso), atau alamat surel untuk masuk lewat SSO "
            "(mis. budi@bengkuluprov.go.id)."
        )
    return name


def check_role(role: str, agencies: list[str]) -> None:
    if role not in ROLES:
        raise AccountError(f"Peran {role!r} tidak dikenal; pilih salah satu: {', '.join(ROLES)}.")
    if role in SCOPED_ROLES and not agencies:
        raise AccountError("Akun evaluator perlu paling sedikit satu --instansi KODE: instansi yang datanya ia kelola.")
    if role not in SCOPED_ROLES and agencies:
        raise AccountError(f"Peran {role} melihat seluruh provinsi; --instansi hanya untuk evaluator.")


def hash_password(password: str) -> str:
    """The Argon2id hash of ``password`` (at least ``MIN_PASSWORD`` characters)."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Kata sandi terlalu pendek: paling sedikit {MIN_PASSWORD} karakter.")
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``; False for a wrong password or no usable hash."""
    if not stored_hash:
        return False
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
