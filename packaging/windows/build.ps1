<#
.SYNOPSIS
    Builds, signs (when configured), smoke-tests and packages Apology Composer for Windows.

.DESCRIPTION
    Run from anywhere on a Windows machine with Python 3.11+ (the release workflow runs it on
    GitHub's windows-latest runner with Python 3.12). In order:

      1. a private virtual environment in build\venv with the app (pip install -e .) and
         PyInstaller (the "package" extra in pyproject.toml);
      2. the icons (packaging\icons.py build\icons), then PyInstaller on
         packaging\apology-composer.spec: dist\apology-composer\ with apology-composer.exe
         (the window) and apology-composer-cli.exe;
      3. when a signing certificate is configured (below), both .exe files are signed;
      4. dist\apology-composer\apology-composer.exe --self-test (QT_QPA_PLATFORM=offscreen),
         which must pass;
      5. the installer, dist\ApologyComposer-<version>-setup.exe, compiled from
         packaging\windows\apology-composer.iss with Inno Setup 6 (signed too, when configured);
      6. unless -SkipInstallTest: the installer is run silently for the current user, the
         installed app's self-test must pass, the uninstaller is run silently, and the install
         folder, the Start-menu entry and the .apology association must all be gone while the
         person's own settings folder is left alone.

    Signing is switched on by environment variables only; nothing secret lives in the repo:
      APOLOGY_SIGN_PFX            path to a .pfx code-signing certificate, or the .pfx as base64
      APOLOGY_SIGN_PASSWORD       its password
      APOLOGY_SIGN_TIMESTAMP_URL  RFC 3161 timestamp server (default http://timestamp.digicert.com)
      APOLOGY_SIGN_CERT_SHA1      instead of a .pfx: the thumbprint of a certificate already in
                                  the current user's certificate store (a hardware token's, say)
    Without them the build is unsigned, and says so.

    Tools it finds by itself, or takes from the environment:
      APOLOGY_ISCC      ISCC.exe (else Inno Setup 6 where it is usually installed, else it is
                        installed with Chocolatey: GitHub's Windows Server 2025 image, which
                        windows-latest now is, no longer ships Inno Setup)
      APOLOGY_SIGNTOOL  signtool.exe (else the newest x64 one from the Windows SDK)

.PARAMETER Python
    The Python that makes the virtual environment (default: python on PATH).

.PARAMETER SkipInstallTest
    Build and test the folder and the installer, but do not install it on this machine.

.PARAMETER InnoSetupVersion
    The Chocolatey innosetup version to install when no Inno Setup 6 is found.
#>
#Requires -Version 7.2
[CmdletBinding()]
param(
    [string] $Python = 'python',
    [switch] $SkipInstallTest,
    [string] $InnoSetupVersion = '6.7.1'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$AppId = '{F029EFF4-045F-4FC1-AFC4-956A8F47092A}'  # the AppId in apology-composer.iss
$AppName = 'Apology Composer'
$Root = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..\..')).Path
$Venv = Join-Path $Root 'build\venv'
$Py = Join-Path $Venv 'Scripts\python.exe'
$Dist = Join-Path $Root 'dist'
$Folder = Join-Path $Dist 'apology-composer'
$Icons = Join-Path $Root 'build\icons'
$Logs = Join-Path $Root 'build\windows-logs'
$IssFile = Join-Path $PSScriptRoot 'apology-composer.iss'
$UninstallKey = "HKCU:\Software\Microsoft\Windows\CurrentVersion\Uninstall\$($AppId)_is1"
$SelfTestSeconds = 300

# The self-test opens (and closes) the main window; offscreen needs no desktop. Rendering the
# icons with Qt needs none either.
$env:QT_QPA_PLATFORM = 'offscreen'
$env:PYTHONUTF8 = '1'
$env:PIP_DISABLE_PIP_VERSION_CHECK = '1'

function Write-Step([string] $Message) {
    Write-Host ''
    Write-Host "==> $Message"
}

function Invoke-Checked {
    # Runs a program and fails the build on a non-zero exit code.
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $Arguments = @()
    )
    & $FilePath @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "$(Split-Path -Leaf $FilePath) $($Arguments -join ' ') failed with exit code $LASTEXITCODE"
    }
}

function Invoke-SelfTest {
    # apology-composer.exe is a windowed program: it only has a stdout when one is handed to it,
    # so the JSON line is captured through redirected files; the exit code decides.
    param(
        [Parameter(Mandatory)] [string] $Exe,
        [Parameter(Mandatory)] [string] $Label
    )
    $out = Join-Path $Logs "self-test-$Label.out.txt"
    $err = Join-Path $Logs "self-test-$Label.err.txt"
    Write-Step "Self-test ($Label): $Exe --self-test"
    $process = Start-Process -FilePath $Exe -ArgumentList '--self-test' -NoNewWindow -PassThru `
        -RedirectStandardOutput $out -RedirectStandardError $err
    $null = $process.Handle  # keeps the process handle, so ExitCode can be read after it exits
    if (-not $process.WaitForExit($SelfTestSeconds * 1000)) {
        Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
        throw "The $Label self-test did not finish within $SelfTestSeconds s (an error dialog?)"
    }
    $process.WaitForExit()
    $code = $process.ExitCode
    $lines = @(Get-Content -LiteralPath $out -ErrorAction SilentlyContinue | Where-Object { $_.Trim() })
    $errors = @(Get-Content -LiteralPath $err -ErrorAction SilentlyContinue | Where-Object { $_.Trim() })
    if ($errors.Count -gt 0) {
        Write-Host "stderr of the $Label self-test:"
        $errors | ForEach-Object { Write-Host "  $_" }
    }
    if ($lines.Count -gt 0) {
        $json = $lines[-1]
        Write-Host $json
        try {
            $report = $json | ConvertFrom-Json
            foreach ($check in @($report.checks)) {
                $mark = if ($check.ok) { 'ok  ' } else { 'FAIL' }
                Write-Host ("  {0} {1}: {2}" -f $mark, $check.name, $check.detail)
            }
        } catch {
            Write-Host "  (the last line is not JSON)"
        }
    } else {
        Write-Warning "The $Label self-test printed nothing on stdout."
    }
    if ($code -ne 0) {
        throw "The $Label self-test failed (exit code $code)"
    }
}

function Find-SignTool {
    if ($env:APOLOGY_SIGNTOOL) { return $env:APOLOGY_SIGNTOOL }
    $onPath = Get-Command signtool.exe -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    $kits = Join-Path ${env:ProgramFiles(x86)} 'Windows Kits\10\bin'
    $found = Get-ChildItem -LiteralPath $kits -Filter signtool.exe -Recurse -ErrorAction SilentlyContinue |
        Where-Object { $_.Directory.Name -eq 'x64' -and $_.Directory.Parent.Name -match '^\d+(\.\d+)+$' } |
        Sort-Object { [version] $_.Directory.Parent.Name } -Descending |
        Select-Object -First 1
    if (-not $found) { throw 'signtool.exe not found: install the Windows SDK or set APOLOGY_SIGNTOOL' }
    return $found.FullName
}

function Find-Iscc {
    if ($env:APOLOGY_ISCC) { return $env:APOLOGY_ISCC }
    $bases = @(${env:ProgramFiles(x86)}, $env:ProgramFiles, (Join-Path $env:LOCALAPPDATA 'Programs')) |
        Where-Object { $_ }
    foreach ($base in $bases) {
        $candidate = Join-Path $base 'Inno Setup 6\ISCC.exe'
        if (Test-Path -LiteralPath $candidate) { return $candidate }
    }
    $onPath = Get-Command ISCC.exe -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    return $null
}

function Install-InnoSetup {
    $choco = Get-Command choco.exe -ErrorAction SilentlyContinue
    if (-not $choco) {
        throw 'Inno Setup 6 not found and Chocolatey is not available: install Inno Setup 6 or set APOLOGY_ISCC'
    }
    Write-Step "Installing Inno Setup $InnoSetupVersion with Chocolatey"
    & $choco.Source install innosetup --version $InnoSetupVersion --yes --no-progress
    if ($LASTEXITCODE -ne 0) {
        throw "choco install innosetup --version $InnoSetupVersion failed (exit code $LASTEXITCODE); pass -InnoSetupVersion with a 6.x version Chocolatey has, or set APOLOGY_ISCC"
    }
}

# ---------------------------------------------------------------------------------------------
# Signing: a certificate in the current user's store, used by thumbprint, so that no password
# ever appears on a command line (ISCC prints the sign tool commands it runs).

$Signing = $null

function Enable-Signing {
    $timestampUrl = if ($env:APOLOGY_SIGN_TIMESTAMP_URL) { $env:APOLOGY_SIGN_TIMESTAMP_URL } else { 'http://timestamp.digicert.com' }
    $added = @()
    if ($env:APOLOGY_SIGN_CERT_SHA1) {
        $thumbprint = ($env:APOLOGY_SIGN_CERT_SHA1 -replace '\s', '').ToUpperInvariant()
        $subject = "certificate $thumbprint from the current user's store"
    } else {
        $value = $env:APOLOGY_SIGN_PFX
        $isFile = $false
        try { $isFile = Test-Path -LiteralPath $value -PathType Leaf } catch { $isFile = $false }
        if ($isFile) {
            $bytes = [IO.File]::ReadAllBytes((Resolve-Path -LiteralPath $value).Path)
        } else {
            try {
                $bytes = [Convert]::FromBase64String(($value -replace '\s', ''))
            } catch {
                throw 'APOLOGY_SIGN_PFX is neither an existing file nor base64 text'
            }
        }
        $password = if ($env:APOLOGY_SIGN_PASSWORD) { $env:APOLOGY_SIGN_PASSWORD } else { '' }
        $flags = [Security.Cryptography.X509Certificates.X509KeyStorageFlags] 'UserKeySet, PersistKeySet'
        $collection = [Security.Cryptography.X509Certificates.X509Certificate2Collection]::new()
        $collection.Import($bytes, $password, $flags)
        $leaf = @($collection | Where-Object { $_.HasPrivateKey }) | Select-Object -First 1
        if (-not $leaf) { throw 'The .pfx in APOLOGY_SIGN_PFX holds no certificate with a private key' }
        foreach ($certificate in $collection) {
            # the signing certificate to My, the rest of its chain to the intermediate store, so
            # that signtool can put the whole chain into the signature
            $storeName = if ($certificate.HasPrivateKey) { 'My' } else { 'CA' }
            $store = [Security.Cryptography.X509Certificates.X509Store]::new($storeName, 'CurrentUser')
            $store.Open('ReadWrite')
            try {
                $already = $store.Certificates.Find('FindByThumbprint', $certificate.Thumbprint, $false).Count -gt 0
                if (-not $already) {
                    $store.Add($certificate)
                    $added += [pscustomobject] @{ Store = $storeName; Thumbprint = $certificate.Thumbprint }
                }
            } finally {
                $store.Close()
            }
        }
        $thumbprint = $leaf.Thumbprint
        $subject = $leaf.Subject
    }
    $script:Signing = [pscustomobject] @{
        Tool = Find-SignTool
        Thumbprint = $thumbprint
        TimestampUrl = $timestampUrl
        Added = $added
    }
    Write-Host "Signing with $subject (timestamps from $timestampUrl)"
}

function Disable-Signing {
    if (-not $script:Signing) { return }
    foreach ($entry in $script:Signing.Added) {
        $store = [Security.Cryptography.X509Certificates.X509Store]::new($entry.Store, 'CurrentUser')
        $store.Open('ReadWrite')
        try {
            foreach ($certificate in @($store.Certificates.Find('FindByThumbprint', $entry.Thumbprint, $false))) {
                $store.Remove($certificate)
            }
        } finally {
            $store.Close()
        }
    }
}

function Invoke-Signing([string[]] $Files) {
    $arguments = @('sign', '/fd', 'SHA256', '/sha1', $Signing.Thumbprint, '/tr', $Signing.TimestampUrl,
        '/td', 'SHA256', '/d', $AppName) + $Files
    for ($attempt = 1; ; $attempt++) {
        & $Signing.Tool @arguments
        if ($LASTEXITCODE -eq 0) { break }
        if ($attempt -ge 3) { throw "signtool sign failed (exit code $LASTEXITCODE)" }
        Write-Warning "signtool sign failed (timestamp server?); trying again in 10 s"
        Start-Sleep -Seconds 10
    }
    Confirm-Signature $Files
}

function Confirm-Signature([string[]] $Files) {
    Invoke-Checked $Signing.Tool (@('verify', '/pa', '/all') + $Files)
}

# ---------------------------------------------------------------------------------------------

Set-Location -LiteralPath $Root
New-Item -ItemType Directory -Force -Path $Logs | Out-Null
$signingWanted = [bool] ($env:APOLOGY_SIGN_PFX -or $env:APOLOGY_SIGN_CERT_SHA1)

try {
    Write-Step "Virtual environment in $Venv"
    if (-not (Test-Path -LiteralPath $Py)) {
        Invoke-Checked $Python @('-m', 'venv', $Venv)
    }
    Invoke-Checked $Py @('-m', 'pip', 'install', '--upgrade', 'pip')
    # the app, editable, with its "package" extra: PyInstaller, pinned once, in pyproject.toml
    Invoke-Checked $Py @('-m', 'pip', 'install', '-e', '.[package]')

    $Version = (& $Py -c 'from composer.version import version; print(version())' | Out-String).Trim()
    if ($LASTEXITCODE -ne 0 -or -not $Version -or $Version -eq 'unknown') {
        throw "Could not read the version from pyproject.toml (got '$Version')"
    }
    # Windows file versions are four numbers; 1.2.3rc1 is shown as 1.2.3.0 there (the installer's
    # name and Apps & features keep the full version)
    if ($Version -notmatch '^(\d+)(?:\.(\d+))?(?:\.(\d+))?') { throw "Unexpected version '$Version'" }
    $parts = @($Matches[1], $Matches[2], $Matches[3]) | ForEach-Object { if ($_) { [int] $_ } else { 0 } }
    $FileVersion = '{0}.{1}.{2}.0' -f $parts[0], $parts[1], $parts[2]
    Write-Host "Apology Composer $Version (file version $FileVersion)"

    Write-Step 'Icons'
    Invoke-Checked $Py @((Join-Path $Root 'packaging\icons.py'), $Icons)
    $ico = Join-Path $Icons 'apology-composer.ico'
    if (-not (Test-Path -LiteralPath $ico)) { throw "packaging\icons.py wrote no $ico" }

    Write-Step 'PyInstaller'
    Invoke-Checked $Py @('-m', 'PyInstaller', '--noconfirm', '--clean',
        '--distpath', $Dist, '--workpath', (Join-Path $Root 'build\pyinstaller'),
        (Join-Path $Root 'packaging\apology-composer.spec'))
    $exes = @('apology-composer.exe', 'apology-composer-cli.exe') | ForEach-Object { Join-Path $Folder $_ }
    foreach ($exe in $exes) {
        if (-not (Test-Path -LiteralPath $exe)) { throw "PyInstaller made no $exe" }
    }
    Invoke-Checked $exes[1] @('--version')

    if ($signingWanted) {
        Write-Step 'Signing the executables'
        Enable-Signing
        Invoke-Signing $exes
    } else {
        Write-Step 'UNSIGNED build: APOLOGY_SIGN_PFX is not set'
        Write-Host 'The installer and the app will not be signed; Windows SmartScreen will warn'
        Write-Host '("Windows protected your PC", then More info > Run anyway). See docs\releasing.md.'
    }

    Invoke-SelfTest -Exe $exes[0] -Label 'frozen'

    Write-Step 'Inno Setup'
    $iscc = Find-Iscc
    if (-not $iscc) {
        Install-InnoSetup
        $iscc = Find-Iscc
        if (-not $iscc) { throw 'Inno Setup was installed but ISCC.exe was not found; set APOLOGY_ISCC' }
    }
    Write-Host "Using $iscc"
    # The dash forms of ISCC's options (-d, -s) are read the same as /D and /S.
    $isccArguments = @(
        "-dAppVersion=$Version",
        "-dAppFileVersion=$FileVersion",
        "-dSourceDir=$Folder",
        "-dOutputDir=$Dist",
        "-dIconFile=$ico"
    )
    if ($Signing) {
        # $q is Inno's quote and $f the file to sign: no quotes of our own inside the argument
        $signCommand = '$q{0}$q sign /fd SHA256 /sha1 {1} /tr {2} /td SHA256 /d $q{3}$q $f' -f `
            $Signing.Tool, $Signing.Thumbprint, $Signing.TimestampUrl, $AppName
        $isccArguments += @('-dSign=1', ('-sapologysign=' + $signCommand))
    }
    Invoke-Checked $iscc ($isccArguments + @($IssFile))
    $Setup = Join-Path $Dist "ApologyComposer-$Version-setup.exe"
    if (-not (Test-Path -LiteralPath $Setup)) { throw "ISCC made no $Setup" }
    if ($Signing) { Confirm-Signature @($Setup) }
    Write-Host ("{0}: {1:N1} MB" -f $Setup, ((Get-Item -LiteralPath $Setup).Length / (1024 * 1024)))

    if ($SkipInstallTest) {
        Write-Step 'Install test skipped (-SkipInstallTest)'
    } else {
        if ((Test-Path -LiteralPath $UninstallKey) -and -not $env:CI) {
            throw "$AppName is already installed for this user; the install test would replace and then remove it. Uninstall it first, or run with -SkipInstallTest."
        }

        # The person's own folder must survive the uninstall: leave a marker in it.
        $settings = Join-Path $env:LOCALAPPDATA 'apology-composer'
        $settingsExisted = Test-Path -LiteralPath $settings
        New-Item -ItemType Directory -Force -Path $settings | Out-Null
        $marker = Join-Path $settings 'uninstall-test-marker.txt'
        Set-Content -LiteralPath $marker -Value 'left here by packaging\windows\build.ps1; the uninstaller must keep it'

        Write-Step "Installing $Setup silently for the current user"
        $installLog = Join-Path $Logs 'install.log'
        $install = Start-Process -FilePath $Setup -Wait -PassThru -ArgumentList `
            ('/VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER /LOG="{0}"' -f $installLog)
        if ($install.ExitCode -ne 0) {
            Get-Content -LiteralPath $installLog -ErrorAction SilentlyContinue | Select-Object -Last 40
            throw "Setup failed (exit code $($install.ExitCode)); log: $installLog"
        }
        if (-not (Test-Path -LiteralPath $UninstallKey)) { throw "Setup registered no uninstaller at $UninstallKey" }
        $entry = Get-ItemProperty -LiteralPath $UninstallKey
        $installed = $entry.InstallLocation.TrimEnd('\')
        Write-Host "Installed in $installed"
        $expected = Join-Path $env:LOCALAPPDATA "Programs\$AppName"
        if ($installed -ne $expected) { Write-Warning "Expected the per-user folder $expected" }
        $installedExe = Join-Path $installed 'apology-composer.exe'
        $shortcut = Join-Path ([Environment]::GetFolderPath('Programs')) "$AppName.lnk"
        $progId = 'HKCU:\Software\Classes\ApologyComposer.Campaign'
        $extension = 'HKCU:\Software\Classes\.apology'
        foreach ($path in @($installedExe, $shortcut, $progId, $extension)) {
            if (-not (Test-Path -LiteralPath $path)) { throw "After installing, $path is missing" }
        }
        $open = (Get-ItemProperty -LiteralPath "$progId\shell\open\command").'(default)'
        Write-Host "Double-clicking a .apology runs: $open"
        if ($open -notlike "*$installedExe*") { throw "The .apology open command does not run $installedExe" }

        Invoke-SelfTest -Exe $installedExe -Label 'installed'

        Write-Step 'Uninstalling silently'
        $uninstaller = ($entry.UninstallString).Trim('"')
        $uninstallLog = Join-Path $Logs 'uninstall.log'
        $uninstall = Start-Process -FilePath $uninstaller -Wait -PassThru -ArgumentList `
            ('/VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LOG="{0}"' -f $uninstallLog)
        if ($uninstall.ExitCode -ne 0) { throw "The uninstaller failed (exit code $($uninstall.ExitCode)); log: $uninstallLog" }
        # The uninstaller hands the work to a copy of itself in %TEMP% and can return before that
        # copy has finished deleting (its own .exe last): wait for the folder to go.
        $deadline = (Get-Date).AddSeconds(120)
        while ((Test-Path -LiteralPath $installed) -and (Get-Date) -lt $deadline) { Start-Sleep -Seconds 2 }
        $left = @(@($installed, $UninstallKey, $shortcut, $progId, $extension) | Where-Object { Test-Path -LiteralPath $_ })
        if ($left.Count -gt 0) {
            Get-Content -LiteralPath $uninstallLog -ErrorAction SilentlyContinue | Select-Object -Last 40
            if (Test-Path -LiteralPath $installed) {
                Get-ChildItem -LiteralPath $installed -Recurse | Select-Object -First 20 | ForEach-Object { Write-Host "  left: $($_.FullName)" }
            }
            throw "After uninstalling, these are still there: $($left -join ', ')"
        }
        if (-not (Test-Path -LiteralPath $marker)) { throw "The uninstaller removed the person's settings folder $settings" }
        Write-Host 'Uninstalled cleanly; the settings folder was kept.'
        Remove-Item -LiteralPath $marker -Force
        if (-not $settingsExisted) { Remove-Item -LiteralPath $settings -Recurse -Force -ErrorAction SilentlyContinue }
    }
} finally {
    Disable-Signing
}

Write-Step 'Done'
Get-ChildItem -LiteralPath $Dist -Filter 'ApologyComposer-*-setup.exe' | ForEach-Object { Write-Host $_.FullName }
if (-not $signingWanted) { Write-Host 'UNSIGNED: see docs\releasing.md for what that means for the people installing it.' }
