"""Onboarding and settings: language, days, time, timezone, pauses, retention, schedule."""
