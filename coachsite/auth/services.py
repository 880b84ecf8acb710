"""Account use-cases: sign-up, login, passwords, invites. No request or current_user in here."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select

from coachsite.auth import passwords, throttle, tokens
from coachsite.extensions import db
from coachsite.models import Client, Membership, User, utcnow

# Checked when the email is unknown, so a wrong email costs the same time as a wrong password.
_DUMMY_HASH = "pbkdf2:sha256:1000000$dummysalt$" + "0" * 64


class AccountProblem(Exception):
    """A use-case refused; `field` names the form field the message belongs next to."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def normalise_email(email: str) -> str:
    return email.strip().casefold()


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def sign_up(name: str, email: str, password: str, *, hash_method: str, role: str = "trainer") -> User:
    email = normalise_email(email)
    if find_by_email(email):
        raise AccountProblem("An account with this email already exists. Log in or reset your password.", "email")
    _check_password(password, email=email, name=name)
    user = User(name=name.strip(), email=email, role=role, password_hash=passwords.hash_password(password, hash_method))
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    user = find_by_email(email)
    if user is None:
        passwords.verify(_DUMMY_HASH, password)
        return None
    if not passwords.verify(user.password_hash, password) or not user.is_active:
        return None
    return user


def log_in(email: str, password: str, address: str, limits: throttle.Limits) -> User | None:
    """authenticate(), refused with throttle.Locked after too many failures (per account and address);
    every attempt is recorded, in the caller's transaction."""
    account = normalise_email(email)
    throttle.check(account, address, limits)
    user = authenticate(email, password)
    throttle.record(account, address, succeeded=user is not None)
    return user


def end_sessions(user: User) -> None:
    """Every session cookie issued before this stops working (logout, password change, deactivation)."""
    user.session_version += 1


def change_password(user: User, current: str, new: str, *, hash_method: str) -> None:
    if not passwords.verify(user.password_hash, current):
        raise AccountProblem("Your current password is not right.", "current_password")
    _set_password(user, new, hash_method)


def confirm_password(user: User, password: str) -> None:
    if not passwords.verify(user.password_hash, password):
        raise AccountProblem("That is not your current password.", "password")


def change_email(user: User, new_email: str, password: str) -> None:
    """A new sign-in email; every other session ends, since the account's identity changed."""
    confirm_password(user, password)
    email = normalise_email(new_email)
    if email == user.email:
        raise AccountProblem("That is already your email.", "email")
    if find_by_email(email):
        raise AccountProblem("Another account uses this email.", "email")
    user.email = email
    for client in db.session.scalars(select(Client).where(Client.runner_id == user.id)):
        client.email = email  # the roster shows the address the runner really uses
    end_sessions(user)


def deactivate(user: User, password: str) -> None:
    """The account can no longer log in and every session ends; nothing it holds is deleted."""
    confirm_password(user, password)
    user.deactivated_at = utcnow()
    end_sessions(user)


def start_reset(email: str, lifetime: timedelta) -> tuple[User, str] | None:
    user = find_by_email(email)
    if user is None or not user.is_active:
        return None
    tokens.revoke_unused("reset", user_id=user.id)
    return user, tokens.issue("reset", lifetime, user_id=user.id)


def check_reset(secret: str) -> User:
    token = tokens.find("reset", secret)
    assert token.user is not None
    return token.user


def reset_password(secret: str, new: str, *, hash_method: str) -> User:
    token = tokens.find("reset", secret)
    user = token.user
    assert user is not None
    _set_password(user, new, hash_method)
    tokens.spend(token)
    return user


def issue_invite(client: Client, lifetime: timedelta) -> str:
    tokens.revoke_unused("invite", client_id=client.id)
    return tokens.issue("invite", lifetime, client_id=client.id)


@dataclass(frozen=True)
class Invite:
    client: Client
    existing_account: User | None


def check_invite(secret: str) -> Invite:
    token = tokens.find("invite", secret)
    client = token.client
    assert client is not None
    if client.runner_id is not None or client.is_archived:
        raise tokens.TokenProblem("This invite is no longer open. Ask your trainer for a new one.")
    return Invite(client=client, existing_account=find_by_email(client.email or ""))


def wrong_account(invite: Invite, signed_in: User | None) -> str | None:
    """Why the person signed in may not take this invite (it is for someone else), or None."""
    existing = invite.existing_account
    if signed_in is not None and (existing is None or signed_in.id != existing.id):
        return f"This invite is for {invite.client.email}. Log out, then open the link again."
    return None


def accept_invite(secret: str, password: str, *, hash_method: str, signed_in: User | None) -> User:
    """Link the client to a runner account: a new one, or the one already signed in with that email."""
    invite = check_invite(secret)
    client, existing = invite.client, invite.existing_account
    refusal = wrong_account(invite, signed_in)
    if refusal:
        raise AccountProblem(refusal)
    if existing is not None:
        if signed_in is None:
            raise AccountProblem("An account with this email already exists. Log in first, then open the link again.")
        if not existing.is_runner or _linked_elsewhere(existing):
            raise AccountProblem("This account cannot be linked to a roster. Ask your trainer to use another email.")
        runner = existing
    else:
        _check_password(password, email=client.email or "", name=client.name)
        runner = User(name=client.name, email=normalise_email(client.email or ""), role="runner", units=client.units,
                      password_hash=passwords.hash_password(password, hash_method))
        db.session.add(runner)
        db.session.flush()
    client.runner_id = runner.id
    if client.club_id is not None and db.session.scalar(select(Membership.id).where(
            Membership.club_id == client.club_id, Membership.user_id == runner.id)) is None:
        db.session.add(Membership(club_id=client.club_id, user_id=runner.id, role="runner"))  # the trainer's club
    tokens.spend(tokens.find("invite", secret))
    return runner


def _linked_elsewhere(user: User) -> bool:
    return bool(db.session.scalar(select(func.count()).select_from(Client).where(Client.runner_id == user.id)))


def _check_password(password: str, *, email: str, name: str) -> None:
    message = passwords.problem(password, email=email, name=name)
    if message:
        raise AccountProblem(message, "password")


def _set_password(user: User, new: str, hash_method: str) -> None:
    _check_password(new, email=user.email, name=user.name)
    user.password_hash = passwords.hash_password(new, hash_method)
    end_sessions(user)
