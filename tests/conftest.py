"""Shared fixtures. Helpers that generate real spreadsheet files live in tests/spreadsheets.py;
the real SMTP server lives in tests/smtp_server.py."""
