"""The NSIS installer script agrees with the bundle and with where planDesk keeps data.

Whether it compiles is checked by installers/nsis/check.sh (scripts/test, after the frozen
build); these tests pin what the script must say.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

from planDesk import paths

ROOT = Path(__file__).resolve().parents[2]
NSI = (ROOT / "installers" / "nsis" / "planDesk.nsi").read_text(encoding="utf-8")


def _bundle_data() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bundle_data", ROOT / "installers" / "bundle_data.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bundle_data", module)
    spec.loader.exec_module(module)
    return module


def _variant(per_machine: bool) -> str:
    """The lines of the script's PER_MACHINE block for one variant."""
    block = re.search(r"!ifdef PER_MACHINE\n(.*?)!else\n(.*?)!endif", NSI, re.S)
    assert block
    return block.group(1) if per_machine else block.group(2)


def test_programs_named_as_the_bundle_names_them() -> None:
    bd = _bundle_data()
    assert f'!define GUI_EXE "{bd.GUI_NAME}${{EXE_SUFFIX}}"' in NSI
    assert f'!define CLI_EXE "{bd.CLI_NAME}${{EXE_SUFFIX}}"' in NSI
    assert 'File /r "${DIST}\\_internal"' in NSI


def test_per_user_variant_needs_no_admin() -> None:
    user = _variant(per_machine=False)
    assert "RequestExecutionLevel user" in user
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\planDesk"' in user
    assert "!define REG_ROOT HKCU" in user
    assert "!define SHELL_CONTEXT current" in user


def test_per_machine_variant_goes_to_program_files() -> None:
    machine = _variant(per_machine=True)
    assert "RequestExecutionLevel admin" in machine
    assert 'InstallDir "$PROGRAMFILES64\\planDesk"' in machine
    assert "!define REG_ROOT HKLM" in machine


def test_uninstall_entry_shortcut_and_japanese_text() -> None:
    assert '!define UNINST_KEY "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\planDesk"' in NSI
    assert 'WriteRegStr ${REG_ROOT} "${UNINST_KEY}" "UninstallString"' in NSI
    assert 'CreateShortcut "$SMPROGRAMS\\planDesk.lnk" "$INSTDIR\\${GUI_EXE}"' in NSI
    assert '!insertmacro MUI_LANGUAGE "Japanese"' in NSI


def test_data_folder_is_planDesks_and_is_only_deleted_when_the_user_says_so() -> None:
    # paths.user_data_dir() is %LOCALAPPDATA%\<APP_NAME> on Windows.
    data = f"$LOCALAPPDATA\\{paths.APP_NAME}"
    uninstall = NSI[NSI.index('Section "Uninstall"'):]
    question = uninstall.index("MessageBox MB_YESNO")
    delete = uninstall.index(f'RMDir /r "{data}"')
    assert question < delete
    assert "MB_DEFBUTTON2" in uninstall and "/SD IDNO IDNO keep_data" in uninstall
    # The install section never deletes the data folder; neither section deletes $INSTDIR
    # wholesale (it may be a folder the user chose that holds other things).
    install = NSI[NSI.index('Section "planDesk"'):NSI.index('Section "Uninstall"')]
    assert data not in install
    assert 'RMDir /r "$INSTDIR"' not in NSI


def test_windows_scripts_are_utf8_with_bom() -> None:
    # Without a BOM, makensis and Windows PowerShell 5.1 read a script in the ANSI code page
    # (cp1252 on an English CI runner): every Japanese text would come out garbled.
    for rel in ("installers/nsis/planDesk.nsi", "installers/build.ps1"):
        assert (ROOT / rel).read_bytes().startswith(b"\xef\xbb\xbf"), f"{rel} needs a UTF-8 BOM"
