from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from coachsite.auth.passwords import MAX_LENGTH, MIN_LENGTH
from coachsite.forms import StrippedStringField

_PASSWORD_HINT = f"At least {MIN_LENGTH} characters. A few unrelated words make a strong password."
_EMAIL = [DataRequired("Enter your email address."), Email("Enter an email address like name@example.com."),
          Length(max=254)]


def _new_password(label: str = "Password") -> PasswordField:
    return PasswordField(label, [DataRequired("Choose a password."),
                                 Length(max=MAX_LENGTH, message=f"Use at most {MAX_LENGTH} characters.")],
                         description=_PASSWORD_HINT, render_kw={"autocomplete": "new-password"})


class SignupForm(FlaskForm):
    name = StrippedStringField("Name", [DataRequired("Enter your name."), Length(max=120)],
                               render_kw={"autocomplete": "name"})
    email = EmailField("Email", _EMAIL, render_kw={"autocomplete": "email"})
    password = _new_password()
    submit = SubmitField("Create account")


class LoginForm(FlaskForm):
    email = EmailField("Email", _EMAIL, render_kw={"autocomplete": "username"})
    password = PasswordField("Password", [DataRequired("Enter your password."), Length(max=MAX_LENGTH)],
                             render_kw={"autocomplete": "current-password"})
    submit = SubmitField("Log in")


class LogoutForm(FlaskForm):
    submit = SubmitField("Log out")


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Current password", [DataRequired("Enter your current password.")],
                                     render_kw={"autocomplete": "current-password"})
    password = _new_password("New password")
    confirm = PasswordField("Repeat new password", [EqualTo("password", "The two new passwords differ.")],
                            render_kw={"autocomplete": "new-password"})
    submit = SubmitField("Change password")


class ForgotPasswordForm(FlaskForm):
    email = EmailField("Email", _EMAIL, render_kw={"autocomplete": "email"})
    submit = SubmitField("Send reset link")


class ResetPasswordForm(FlaskForm):
    password = _new_password("New password")
    confirm = PasswordField("Repeat new password", [EqualTo("password", "The two passwords differ.")],
                            render_kw={"autocomplete": "new-password"})
    submit = SubmitField("Set new password")


class AcceptInviteForm(FlaskForm):
    password = _new_password("Choose a password")
    confirm = PasswordField("Repeat password", [EqualTo("password", "The two passwords differ.")],
                            render_kw={"autocomplete": "new-password"})
    submit = SubmitField("Join")


class LinkAccountForm(FlaskForm):
    submit = SubmitField("Link my account")


class ConfirmPasswordForm(FlaskForm):
    password = PasswordField("Password", [DataRequired("Enter your password.")],
                             render_kw={"autocomplete": "current-password"})
    submit = SubmitField("Confirm")


class ChangeEmailForm(FlaskForm):
    email = EmailField("New email", _EMAIL, render_kw={"autocomplete": "email"})
    password = PasswordField("Current password", [DataRequired("Enter your current password.")],
                             render_kw={"autocomplete": "current-password"})
    submit = SubmitField("Change email")


class DeactivateForm(FlaskForm):
    password = PasswordField("Current password", [DataRequired("Enter your current password.")],
                             render_kw={"autocomplete": "current-password"})
    understood = BooleanField("I understand I will no longer be able to log in",
                              [DataRequired("Tick the box to confirm.")])
    submit = SubmitField("Deactivate my account")
