# Builds planDesk for Windows: the one-folder program dist\planDesk (PyInstaller), its
# checks, the smoke test, and the two installers (NSIS) in dist\installers.
#
#   powershell -ExecutionPolicy Bypass -File installers\build.ps1
#
# Needs Python 3.12+ (py launcher or python on PATH; -Python C:\path\python.exe chooses one)
# and NSIS 3 (makensis on PATH or in its default folder). The smoke test runs when Git
# Bash is installed. -BundleOnly stops after the program; -InstallerOnly makes the
# installers from an existing dist\planDesk; -NoSmokeTest leaves the smoke test to the caller
# (the CI workflow runs it as its own step); -Clean throws away PyInstaller's work folder.
# Everything a step prints is shown; the first failing step stops the build.
[CmdletBinding()]
param(
    [string]$Python = "",
    [switch]$Clean,
    [switch]$BundleOnly,
    [switch]$InstallerOnly,
    [switch]$NoSmokeTest
)
$ErrorActionPreference = "Stop"
$root = Split-Path -Parent $PSScriptRoot
Set-Location $root

function Invoke-Step([string]$What, [scriptblock]$Command) {
    Write-Host "== $What"
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "失敗しました: $What (exit $LASTEXITCODE)" }
}

function Find-Python {
    if ($Python) { return ,@($Python) }
    if (Get-Command py -ErrorAction SilentlyContinue) { return ,@("py", "-3") }
    if (Get-Command python -ErrorAction SilentlyContinue) { return ,@("python") }
    throw "Python 3.12 以上が見つかりません。python.org からインストールするか -Python で指定してください。"
}

function Find-Makensis {
    $cmd = Get-Command makensis -ErrorAction SilentlyContinue
    if ($cmd) { return $cmd.Source }
    foreach ($dir in @(${env:ProgramFiles(x86)}, $env:ProgramFiles)) {
        if ($dir -and (Test-Path "$dir\NSIS\makensis.exe")) { return "$dir\NSIS\makensis.exe" }
    }
    throw "makensis（NSIS 3）が見つかりません。NSIS 3 をインストールしてください（docs/installing.md）。"
}

$venvPython = Join-Path $root ".venv\Scripts\python.exe"
$dist = Join-Path $root "dist\planDesk"

if (-not $InstallerOnly) {
    if (-not (Test-Path $venvPython)) {
        $py = Find-Python
        $pyExe = $py[0]
        $pyArgs = @($py | Select-Object -Skip 1)
        Invoke-Step "create .venv" { & $pyExe @pyArgs -m venv .venv }
    }
    Invoke-Step "check Python version" {
        & $venvPython -c "import sys; sys.exit(0 if sys.version_info >= (3, 12) else 'Python 3.12 以上が必要です')"
    }
    Invoke-Step "install planDesk and PyInstaller" {
        & $venvPython -m pip install --disable-pip-version-check -q -e ".[dev]"
    }
    if ($Clean -and (Test-Path build\pyinstaller)) { Remove-Item -Recurse -Force build\pyinstaller }
    Invoke-Step "PyInstaller" {
        & $venvPython -m PyInstaller --noconfirm --log-level WARN `
            --workpath build\pyinstaller --distpath dist installers\planDesk.spec
    }
    Invoke-Step "check the bundle" { & $venvPython installers\check_bundle.py $dist }

    # Git Bash, not WSL's bash.exe in System32 (that would run the test in Linux).
    $bash = $null
    $gitBash = Join-Path $env:ProgramFiles "Git\bin\bash.exe"
    if (Test-Path $gitBash) {
        $bash = $gitBash
    } else {
        $found = Get-Command bash -ErrorAction SilentlyContinue
        if ($found -and $found.Source -notlike "*\System32\*") { $bash = $found.Source }
    }
    if ($NoSmokeTest) {
        Write-Host "== smoke test: skipped (-NoSmokeTest)"
    } elseif ($bash) {
        $env:PLANDESK_SMOKE_PYTHON = ".venv/Scripts/python.exe"
        Invoke-Step "smoke test" { & $bash installers/smoke_test.sh dist/planDesk }
    } else {
        Write-Warning "Git Bash がないため、スモークテストを省略しました。"
    }
}
if ($BundleOnly) { return }

if (-not (Test-Path "$dist\planDesk.exe")) { throw "$dist\planDesk.exe がありません。先に -InstallerOnly なしで実行してビルドしてください。" }
$versions = (& $venvPython installers\bundle_data.py --versions).Split(" ")
$version = $versions[0]
$viVersion = $versions[1]
$makensis = Find-Makensis
$out = Join-Path $root "dist\installers"
New-Item -ItemType Directory -Force $out | Out-Null
foreach ($variant in @("per-user", "per-machine")) {
    $suffix = if ($variant -eq "per-machine") { "-allusers" } else { "" }
    $setup = Join-Path $out "planDesk-$version-setup$suffix.exe"
    $defines = @("/DVERSION=$version", "/DVI_VERSION=$viVersion", "/DDIST=$dist", "/DOUTFILE=$setup")
    if ($variant -eq "per-machine") { $defines += "/DPER_MACHINE" }
    Invoke-Step "NSIS ($variant)" { & $makensis /V2 /WX @defines installers\nsis\planDesk.nsi }
    Write-Host "  $setup"
}
