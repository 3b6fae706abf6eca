; planDesk の Windows インストーラー（NSIS 3, Unicode, Modern UI 2, 日本語）
;
;   makensis /DVERSION=0.1.0 /DDIST=C:\path\to\dist\planDesk /DOUTFILE=C:\out\planDesk-0.1.0-setup.exe planDesk.nsi
;
; installers/build.ps1 runs it for both variants; installers/nsis/check.sh compiles it on
; Linux against the Linux bundle so that its syntax and file list stay valid.
;
; Variants (one script, chosen by a define):
;   default       per-user: %LOCALAPPDATA%\Programs\planDesk, no admin rights, uninstall entry
;                 in HKCU, Start-menu shortcut for this user.
;   /DPER_MACHINE %ProgramFiles%\planDesk for sites whose policy allows only Program Files:
;                 admin rights, uninstall entry in HKLM, shortcut for all users.
; Other defines: /DEXE_SUFFIX= (the Linux check: programs without .exe), /DFAST (no
; compression: the check only needs the script and file list to compile).
;
; The user's database, settings and logs live in %LOCALAPPDATA%\planDesk
; (planDesk.paths.user_data_dir), outside the program folder: an upgrade replaces only the
; program folder and never touches them; uninstalling asks before deleting them.

Unicode true
ManifestDPIAware true
!ifdef FAST
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif

!ifndef VERSION
  !error "/DVERSION=x.y.z を指定してください（pyproject.toml の version）"
!endif
!ifndef DIST
  !error "/DDIST=<PyInstaller の出力フォルダ dist\planDesk> を指定してください"
!endif
!ifndef OUTFILE
  !define OUTFILE "planDesk-${VERSION}-setup.exe"
!endif
!ifndef VI_VERSION
  !define VI_VERSION "${VERSION}.0"
!endif
!ifndef EXE_SUFFIX
  !define EXE_SUFFIX ".exe"
!endif

!define APP "planDesk"
!define PUBLISHER "planDesk"
!define GUI_EXE "planDesk${EXE_SUFFIX}"
!define CLI_EXE "plandesk-cli${EXE_SUFFIX}"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\planDesk"
; Anything Qt keeps in the registry for the organisation "planDesk" (planDesk's own
; settings are an INI file in the data folder: gui/settings.py).
!define SETTINGS_KEY "Software\planDesk"

; The file list: both programs and the contents folder must be in the bundle.
!if ! /FileExists "${DIST}\${GUI_EXE}"
  !error "${DIST}\${GUI_EXE} がありません（先に PyInstaller でビルドしてください）"
!endif
!if ! /FileExists "${DIST}\${CLI_EXE}"
  !error "${DIST}\${CLI_EXE} がありません"
!endif
!if ! /FileExists "${DIST}\_internal\resources\samples\hitachinaka.toml"
  !error "${DIST}\_internal にリソースがありません"
!endif

!ifdef PER_MACHINE
  RequestExecutionLevel admin
  InstallDir "$PROGRAMFILES64\planDesk"
  !define REG_ROOT HKLM
  !define SHELL_CONTEXT all
!else
  RequestExecutionLevel user
  InstallDir "$LOCALAPPDATA\Programs\planDesk"
  !define REG_ROOT HKCU
  !define SHELL_CONTEXT current
!endif
; An upgrade goes where the previous version is.
InstallDirRegKey ${REG_ROOT} "${UNINST_KEY}" "InstallLocation"

Name "planDesk ${VERSION}"
OutFile "${OUTFILE}"
BrandingText "planDesk ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"

!define MUI_ABORTWARNING
!if /FileExists "${DIST}\_internal\resources\icons\planDesk.ico"
  !define MUI_ICON "${DIST}\_internal\resources\icons\planDesk.ico"
  !define MUI_UNICON "${DIST}\_internal\resources\icons\planDesk.ico"
!endif

!ifdef PER_MACHINE
  !define MUI_WELCOMEPAGE_TEXT "planDesk ${VERSION} をこのコンピューターのすべてのユーザー向けに$\r$\nProgram Files にインストールします（管理者の権限が必要です）。$\r$\n$\r$\n各ユーザーのデータ（データベースと設定）は、そのユーザーの$\r$\n%LOCALAPPDATA%\planDesk に保存され、更新しても消えません。$\r$\n$\r$\n続けるには [次へ] をクリックしてください。"
!else
  !define MUI_WELCOMEPAGE_TEXT "planDesk ${VERSION} をこのユーザー用にインストールします。$\r$\n管理者の権限は必要ありません。$\r$\n$\r$\nデータ（データベースと設定）は %LOCALAPPDATA%\planDesk に保存され、$\r$\n新しい版に更新しても消えません。$\r$\n$\r$\n続けるには [次へ] をクリックしてください。"
!endif
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!ifndef PER_MACHINE
  ; Not for the per-machine installer: it would start planDesk with the admin's rights.
  !define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE}"
  !define MUI_FINISHPAGE_RUN_TEXT "planDesk を起動する"
!endif
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Japanese"

VIProductVersion "${VI_VERSION}"
VIFileVersion "${VI_VERSION}"
VIAddVersionKey /LANG=${LANG_JAPANESE} "ProductName" "planDesk"
VIAddVersionKey /LANG=${LANG_JAPANESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_JAPANESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_JAPANESE} "FileDescription" "planDesk ${VERSION} セットアップ"
VIAddVersionKey /LANG=${LANG_JAPANESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_JAPANESE} "LegalCopyright" "MIT License"

!macro SET_CONTEXT
  SetShellVarContext ${SHELL_CONTEXT}
  ${If} ${RunningX64}
    SetRegView 64
  ${EndIf}
!macroend

Function .onInit
  !insertmacro SET_CONTEXT
FunctionEnd

Function un.onInit
  !insertmacro SET_CONTEXT
FunctionEnd

Section "planDesk" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program folder's contents so that no module of the old version
  ; stays behind. Only our own folder is removed, never $INSTDIR itself (it may be a folder
  ; the user chose that holds other things). The data folder is elsewhere.
  RMDir /r "$INSTDIR\_internal"
  File "${DIST}\${GUI_EXE}"
  File "${DIST}\${CLI_EXE}"
  File /r "${DIST}\_internal"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\planDesk.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0 \
    SW_SHOWNORMAL "" "デジタル化推進アクションプランの進捗報告・集約ツール"

  WriteRegStr ${REG_ROOT} "${UNINST_KEY}" "DisplayName" "planDesk"
  WriteRegStr ${REG_ROOT} "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr ${REG_ROOT} "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr ${REG_ROOT} "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr ${REG_ROOT} "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE}"
  WriteRegStr ${REG_ROOT} "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr ${REG_ROOT} "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD ${REG_ROOT} "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD ${REG_ROOT} "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD ${REG_ROOT} "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\planDesk.lnk"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only when empty
  DeleteRegKey ${REG_ROOT} "${UNINST_KEY}"

  ; The data belongs to the user, not to the program: ask (a silent uninstall keeps it).
  ; It is in the profile of the user running the uninstaller, also for per-machine installs.
  SetShellVarContext current
  ${If} ${FileExists} "$LOCALAPPDATA\planDesk\*.*"
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 \
      "planDesk のデータ（データベース・設定・ログ）も削除しますか？$\r$\n$\r$\n$LOCALAPPDATA\planDesk$\r$\n$\r$\n[いいえ] を選ぶとデータは残り、もう一度インストールするとそのまま使えます。$\r$\n削除したデータは元に戻せません。" \
      /SD IDNO IDNO keep_data
      RMDir /r "$LOCALAPPDATA\planDesk"
      DeleteRegKey HKCU "${SETTINGS_KEY}"
    keep_data:
  ${EndIf}
SectionEnd
