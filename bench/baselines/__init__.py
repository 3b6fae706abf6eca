"""Baseline programs the scenarios compare planDesk with (run as scripts, never imported)."""
