"""What the database key alone cannot forge: signed roles, signed audit entries, a signed head.

Anyone who can unlock holds the database key and can rewrite any row. So roles are signed with
the workspace's role key (an Ed25519 key wrapped in keys.json only for administrators and the
recovery key), every user's own signing key is certified by it, every audit entry is signed by
the acting user's key, and the newest entry is named in a signed head outside the database.

The role key's public half is bound into each user's own key entry (AES-GCM associated data),
so a user checks roles against the key their own password vouches for, not against a value in
the database that anyone could replace. Checked at every unlock and by `verify`.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from free2link_desktop.core.cases import Role
from free2link_desktop.core.errors import AuthenticationFailed, Free2LinkError, PermissionDenied
from free2link_desktop.i18n import N_, _
from free2link_desktop.storage import audit_head
from free2link_desktop.storage.database import DatabaseDamaged, DatabaseError, DiskProblem
from free2link_desktop.storage.repositories.audit import AuditRepository, entry_message
from free2link_desktop.storage.repositories.settings import SettingsRepository
from free2link_desktop.storage.repositories.users import UserRepository
from free2link_desktop.storage.signing import Signer, new_seed, seal, verify
from free2link_desktop.storage.vault import RECOVERY_ENTRY, KdfParams, Unwrapped, user_entry

if TYPE_CHECKING:
    from free2link_desktop.services.maintenance import Check
    from free2link_desktop.services.session import Session

#: The audit log's name for whoever unlocked with the recovery key (not a valid user name).
RECOVERY_ACTOR = "recovery key"
UNSIGNED_UNTIL = "audit.unsigned_until"
UNSIGNED_UNTIL_SIGNATURE = "audit.unsigned_until.signature"


class RoleTampered(AuthenticationFailed):
    """This user's role was changed without the role key: treated as having no role."""

    default_template = N_(
        "The role of {name} fails its signature check: it was changed outside the app. "
        "The account is locked until an administrator sets its role again."
    )


def role_message(workspace_id: str, name: str, role: str) -> list[str]:
    return ["free2link-role/1", workspace_id, name, role]


def key_message(workspace_id: str, owner: str, public_key: str) -> list[str]:
    return ["free2link-user-key/1", workspace_id, owner, public_key]


def unsigned_until_message(workspace_id: str, last_id: int) -> list[object]:
    return ["free2link-audit-unsigned-until/1", workspace_id, last_id]


def entry_of(actor: str) -> str:
    return RECOVERY_ENTRY if actor == RECOVERY_ACTOR else user_entry(actor)


def new_signing() -> tuple[bytes, str, str]:
    """A fresh (seed, Ed25519 public key, X25519 public key) for a key entry."""
    seed = new_seed()
    signer = Signer(seed)
    return seed, signer.public_key, signer.exchange_public_key


def signing_of(seed: bytes) -> tuple[bytes, str, str]:
    signer = Signer(seed)
    return seed, signer.public_key, signer.exchange_public_key


def grant_context(workspace_id: str, entry: str) -> str:
    return f"role key|{workspace_id}|{entry}"


# -- unlock ---------------------------------------------------------------------------------------
def on_unlock(session: Session, unwrapped: Unwrapped, actor: str, secret: str) -> None:
    """Bring the unlocking entry up to date, do an administrator's duties, check roles and head.

    Runs after the database opened and before anything is recorded. Raises RoleTampered
    (after auditing it) when the user's own role fails its signature.
    """
    session.unlock_problems = []
    role_key_is_new = _upgrade_entry(session, unwrapped, actor, secret)
    try:
        session.unlock_problems.extend(head_problems(session))
    except (DatabaseError, DatabaseDamaged):
        # A damaged audit page must not keep anyone from reading what is still readable.
        session.unlock_problems.append(_("the audit log could not be read to check its heads"))
    try:
        if session.role_signer is not None:
            _administrator_duties(session, role_key_is_new)
        _register_own_key(session, actor)
    except (DiskProblem, DatabaseError, DatabaseDamaged):
        # A full disk or a damaged page must not keep anyone from reading: these wait.
        session.unlock_problems.append(_("the signing records could not be updated"))
    tampered = tampered_roles(session)
    if actor in tampered:
        with contextlib.suppress(DatabaseError, Free2LinkError):
            session.record("role.tampered", "user", actor)
        raise RoleTampered(name=actor)
    for name in tampered:
        session.unlock_problems.append(
            _("the role of {name} fails its signature check").format(name=name)
        )
    for problem in session.unlock_problems:
        with contextlib.suppress(DatabaseError, Free2LinkError):
            session.record("trust.problem", "workspace", "", {"problem": problem})


def _upgrade_entry(session: Session, unwrapped: Unwrapped, actor: str, secret: str) -> bool:
    """Give an older entry a signing key, adopt the role key, open a role key handed over.

    Returns True when the role key was made just now (the first administrator unlock after
    the upgrade to signed roles).
    """
    vault = session.workspace.vault
    entry = entry_of(actor)
    signing_seed, role_seed, anchor = (
        unwrapped.signing_seed,
        unwrapped.role_seed,
        unwrapped.role_public_key,
    )
    changed = vault.format_of(entry) < 2 or signing_seed is None
    created = False
    grant = vault.grants.get(entry)
    if grant and signing_seed is not None and role_seed is None and anchor:
        with contextlib.suppress(ValueError):
            seed = Signer(signing_seed).open_sealed(grant, grant_context(vault.workspace_id, entry))
            if Signer(seed).public_key == anchor:
                role_seed, changed = seed, True
    may_hold_role_key = actor == RECOVERY_ACTOR or session.user.role is Role.ADMIN
    if anchor is None and vault.role_public_key is None and may_hold_role_key:
        # The first administrator unlock after the upgrade to signed roles makes the role key.
        role_seed = new_seed()
        vault.role_public_key = anchor = Signer(role_seed).public_key
        changed = created = True
    elif anchor is None and vault.role_public_key:
        anchor, changed = vault.role_public_key, True  # first unlock since the upgrade
    signing_seed = signing_seed or new_seed()
    if changed:
        try:
            vault.wrap(
                entry,
                secret,
                session.key,
                vault.params_of(entry),
                signing=signing_of(signing_seed),
                role_seed=role_seed,
                role_public_key=anchor,
            )
            vault.grants.pop(entry, None)
            vault.save(session.key)
        except OSError:
            if created:
                vault.role_public_key = anchor = None
            session.anchor = anchor  # roles are still checked against what the file vouches
            session.unlock_problems.append(_("the key file could not be updated"))
            return False
    session.signer = Signer(signing_seed)
    session.role_signer = Signer(role_seed) if role_seed is not None else None
    session.anchor = anchor
    return created


def _register_own_key(session: Session, actor: str) -> None:
    if session.signer is None:
        return
    repo = UserRepository(session.db)
    public_key = session.signer.public_key
    if any(key == public_key for key, _owner, _cert in repo.signing_keys()):
        return
    with session.db.transaction():
        repo.add_key(actor, public_key, certify(session, actor, public_key))


def certify(session: Session, owner: str, public_key: str) -> str | None:
    """The role key's certificate for `owner`'s signing key; None without the role key."""
    if session.role_signer is None:
        return None
    return session.role_signer.sign(
        key_message(session.workspace.vault.workspace_id, owner, public_key)
    )


def sign_role(session: Session, name: str, role: Role) -> str:
    """The role key's signature of a role; refused for an administrator without the role key."""
    if session.role_signer is None:
        raise PermissionDenied(
            N_(
                "Your account does not hold the workspace's role key yet, so it cannot assign "
                "roles. It is handed over at your next unlock after another administrator's."
            )
        )
    return session.role_signer.sign(role_message(session.workspace.vault.workspace_id, name, role))


def _administrator_duties(session: Session, role_key_is_new: bool) -> None:
    """Certify pending keys and hand the role key to promoted administrators.

    Only when the role key was made just now (the first administrator unlock after the upgrade)
    are the existing roles and the mark where signed entries begin signed as they stand: later,
    an unsigned role or mark is a tampered one and stays reported, never signed blindly.
    """
    role_signer = session.role_signer
    assert role_signer is not None
    vault = session.workspace.vault
    workspace_id = vault.workspace_id
    repo = UserRepository(session.db)
    settings = SettingsRepository(session.db)
    unsigned = [
        (name, role) for name, role, signature in repo.roles_with_signatures() if not signature
    ]
    pending = [
        (public_key, owner)
        for public_key, owner, certificate in repo.signing_keys()
        if certificate is None and vault.public_keys(entry_of(owner))[0] == public_key
    ]
    mark = unsigned_until_message(workspace_id, int(settings.get(UNSIGNED_UNTIL, 0)))
    if role_key_is_new or pending:
        with session.db.transaction():
            if role_key_is_new:
                for name, role in unsigned:
                    repo.sign_role(name, role_signer.sign(role_message(workspace_id, name, role)))
                settings.set(UNSIGNED_UNTIL_SIGNATURE, role_signer.sign(mark))
            for public_key, owner in pending:
                repo.add_key(owner, public_key, certify(session, owner, public_key))
    grants_added = False
    tampered = tampered_roles(session)
    for user in repo.list():
        entry = user_entry(user.name)
        _signing, exchange = vault.public_keys(entry)
        if (
            user.role is Role.ADMIN
            and user.name not in tampered
            and exchange
            and not vault.holds_role_key(entry)
            and entry not in vault.grants
        ):
            vault.grants[entry] = seal(
                role_signer.seed, exchange, grant_context(workspace_id, entry)
            )
            grants_added = True
    if grants_added:
        with contextlib.suppress(OSError):
            vault.save(session.key)


def hand_over_role_key(session: Session, name: str) -> None:
    """Seal the role key to a newly promoted administrator (opened at their next unlock)."""
    vault = session.workspace.vault
    entry = user_entry(name)
    _signing, exchange = vault.public_keys(entry)
    if session.role_signer is None or not exchange or vault.holds_role_key(entry):
        return
    vault.grants[entry] = seal(
        session.role_signer.seed, exchange, grant_context(vault.workspace_id, entry)
    )
    vault.save(session.key)


# -- checks ---------------------------------------------------------------------------------------
def tampered_roles(session: Session) -> list[str]:
    """Users whose role the role key did not sign (none before the upgrade's first admin)."""
    if session.anchor is None:
        return []
    workspace_id = session.workspace.vault.workspace_id
    return [
        name
        for name, role, signature in UserRepository(session.db).roles_with_signatures()
        if not verify(session.anchor, signature, role_message(workspace_id, name, role))
    ]


def is_signed_admin(session: Session, name: str) -> bool:
    """True when `name` is an administrator by a valid signature (only then the role key)."""
    user = UserRepository(session.db).get(name)
    return user is not None and user.role is Role.ADMIN and name not in tampered_roles(session)


def _owners(session: Session) -> dict[str, str]:
    """Signing key -> its owner, for keys certified by the role key (or declared, pending)."""
    vault = session.workspace.vault
    owners: dict[str, str] = {}
    for public_key, owner, certificate in UserRepository(session.db).signing_keys():
        message = key_message(vault.workspace_id, owner, public_key)
        declared, _exchange = vault.public_keys(entry_of(owner))
        if session.anchor is None or verify(session.anchor, certificate, message):
            owners[public_key] = owner
        elif certificate is None and declared == public_key:
            owners[public_key] = owner  # awaiting an administrator, vouched for by keys.json
    return owners


def audit_signature_problem(session: Session) -> str | None:
    """The first entry after the upgrade that is unsigned, badly signed or signed by another."""
    workspace_id = session.workspace.vault.workspace_id
    settings = SettingsRepository(session.db)
    last_unsigned = int(settings.get(UNSIGNED_UNTIL, 0))
    if session.anchor is not None and not verify(
        session.anchor,
        settings.get(UNSIGNED_UNTIL_SIGNATURE),
        unsigned_until_message(workspace_id, last_unsigned),
    ):
        return _("the mark where signed entries begin was changed")
    owners = _owners(session)
    for entry_id, user, digest, signer_key, signature in AuditRepository(session.db).signatures():
        if entry_id <= last_unsigned:
            continue
        if not verify(signer_key, signature, entry_message(workspace_id, digest)):
            return _("entry {id} (by {user}) is not signed or its signature does not match").format(
                id=entry_id, user=user
            )
        if owners.get(signer_key or "") != user:
            return _("entry {id} claims to be by {user} but was signed by another key").format(
                id=entry_id, user=user
            )
    return None


def head_problems(session: Session) -> list[str]:
    """Compare each user's signed head with the table: entries cut off the end show here."""
    path = session.workspace.path / audit_head.HEAD_NAME
    workspace_id = session.workspace.vault.workspace_id
    repo = AuditRepository(session.db)
    try:
        heads = audit_head.read_heads(path)
    except ValueError:
        return [_("the audit log's signed head is unreadable")]
    last_unsigned = int(SettingsRepository(session.db).get(UNSIGNED_UNTIL, 0))
    newest = repo.newest_by_user(last_unsigned)
    if newest and not heads:
        return [
            _(
                "the audit log's signed head is missing: entries may have been cut off "
                "the end (expected once after restoring a backup)"
            )
        ]
    owners = _owners(session)
    found: list[str] = []
    for user in sorted(set(newest) | set(heads)):
        head = heads.get(user)
        if head is None:
            found.append(_("the signed head of {user}'s entries is missing").format(user=user))
            continue
        message = audit_head.head_message(workspace_id, head.last_id, head.last_hash)
        if owners.get(head.signer_key) != user or not verify(
            head.signer_key, head.signature, message
        ):
            found.append(
                _("the signed head of {user}'s entries has a bad signature").format(user=user)
            )
            continue
        row = repo.row(head.last_id)
        if row is None or row != (user, head.last_hash):
            found.append(
                _(
                    "the audit log was cut off or rewritten: entry {id} by {user}, their newest "
                    "when last written, is missing or different"
                ).format(id=head.last_id, user=user)
            )
    return found


def write_head(session: Session, last_id: int, last_hash: str) -> None:
    """Sign and write the user's head after a commit; a full disk only leaves it behind."""
    if session.signer is None:
        return
    workspace_id = session.workspace.vault.workspace_id
    path = session.workspace.path / audit_head.HEAD_NAME
    try:
        heads = audit_head.read_heads(path)
    except ValueError:
        heads = {}  # reported by the checks; this user's head is still worth keeping
    heads[session.user.name] = audit_head.AuditHead(
        last_id,
        last_hash,
        session.signer.public_key,
        session.signer.sign(audit_head.head_message(workspace_id, last_id, last_hash)),
    )
    with contextlib.suppress(OSError):
        audit_head.write_heads(path, heads)


def account_problems(session: Session) -> tuple[list[str], list[str]]:
    """(accounts without a key entry, key entries without an account)."""
    vault = session.workspace.vault
    names = {user.name for user in UserRepository(session.db).list()}
    entries = set(vault.user_names())
    return sorted(names - entries), sorted(entries - names)


def checks(session: Session) -> list[Check]:
    """The trust checks of `verify`: key file, roles, signatures, head, accounts."""
    from free2link_desktop.services.maintenance import Check

    vault = session.workspace.vault
    found: list[Check] = []
    problems = vault.problems(session.key)
    found.append(Check(N_("key file"), not problems, "; ".join(problems)))
    tampered = tampered_roles(session)
    found.append(
        Check(
            N_("role signatures"),
            not tampered,
            _("tampered: {names}").format(names=", ".join(tampered)) if tampered else "",
        )
    )
    signature = audit_signature_problem(session)
    found.append(Check(N_("audit signatures"), signature is None, signature or ""))
    head = head_problems(session)
    found.append(Check(N_("audit head"), not head, "; ".join(head)))
    if session.unlock_problems:
        # Found before this unlock wrote anything (its own entry moves the head on).
        found.append(Check(N_("checks at unlock"), False, "; ".join(session.unlock_problems)))
    without_entry, stale = account_problems(session)
    detail = ""
    if without_entry:
        detail = _(
            "no key entry for {names}: an administrator can set a new password for them"
        ).format(names=", ".join(without_entry))
    if stale:
        detail = "; ".join(
            filter(
                None,
                [
                    detail,
                    _("unfinished accounts ignored (they can be added again): {names}").format(
                        names=", ".join(stale)
                    ),
                ],
            )
        )
    found.append(Check(N_("accounts"), not without_entry, detail))
    return found


__all__ = ["RECOVERY_ACTOR", "KdfParams", "RoleTampered", "on_unlock"]
