"""Outgoing mail: SMTP when COACHSITE_MAIL_SERVER is set, otherwise the server log."""
from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from flask import current_app


def send(to: str, subject: str, body: str) -> None:
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        # No mail server: developers and self-hosters read the link from the log instead.
        current_app.logger.warning("Mail not sent (COACHSITE_MAIL_SERVER is not set). To: %s\nSubject: %s\n%s",
                                   to, subject, body)
        return
    message = EmailMessage()
    message["From"] = config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=15) as smtp:
        if config["MAIL_USE_TLS"]:
            # Verify the server's certificate and name: starttls() alone accepts any certificate.
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)
