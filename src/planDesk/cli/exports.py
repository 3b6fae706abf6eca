"""Imports every module that registers an export kind (see cmd_export.EXPORTERS)."""
