; Apology Composer: the Windows installer (Inno Setup 6).
;
; Compiled by packaging\windows\build.ps1, which passes what this script cannot know itself:
;   ISCC /DAppVersion=1.2.3 [/DAppFileVersion=1.2.3.0] [/DSourceDir=...] [/DOutputDir=...]
;        [/DIconFile=...] [/DSign=1 "/Sapologysign=<signtool command with $f>"]
;        packaging\windows\apology-composer.iss
; (the dash forms -dAppVersion=... and -sapologysign=... mean the same to ISCC).
; Relative paths below are relative to this script's folder.
;
; What it installs: the PyInstaller folder dist\apology-composer, for the current user only,
; without administrator rights, into %LOCALAPPDATA%\Programs\Apology Composer (Inno's {autopf}
; in its non administrative install mode), with a Start-menu entry, an optional desktop icon
; and the .apology file association, all under HKEY_CURRENT_USER.
;
; What it never touches, on install, upgrade or uninstall: the person's own files.
;   - campaigns (.apology) and spreadsheets: wherever the person saved them;
;   - settings, saved accounts, drafts and the practice outbox: %LOCALAPPDATA%\apology-composer
;     (the app's platformdirs folder; it is not the install folder);
;   - saved passwords and sign-ins: Windows Credential Manager.
; Uninstalling and reinstalling therefore keeps everything the person made.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=1.2.3 apology-composer.iss (build.ps1 does this)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\apology-composer"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\apology-composer.ico"
#endif

#define AppName "Apology Composer"
#define AppExe "apology-composer.exe"
#define CliExe "apology-composer-cli.exe"
#define ProgId "ApologyComposer.Campaign"

[Setup]
; The AppId ties every version together (upgrades, the uninstaller's registry key): never change it.
AppId={{F029EFF4-045F-4FC1-AFC4-956A8F47092A}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
#ifdef AppFileVersion
VersionInfoVersion={#AppFileVersion}
#endif
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} Setup
VersionInfoProductTextVersion={#AppVersion}

; Per user, never elevated: {autopf} is {userpf}, i.e. %LOCALAPPDATA%\Programs, and the
; uninstaller is registered under HKEY_CURRENT_USER. No PrivilegesRequiredOverridesAllowed:
; an all-users install is not offered (a /CURRENTUSER on the command line is simply redundant).
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
; no folder or Start-menu-group questions for the people this is for; upgrades reuse the folder
DisableDirPage=yes
DisableProgramGroupPage=yes
; the PyInstaller build is 64-bit x64 (it also runs under x64 emulation on Windows 11 on Arm)
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 or later
MinVersion=10.0

OutputDir={#OutputDir}
OutputBaseFilename=ApologyComposer-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
SetupLogging=yes
ChangesAssociations=yes

; Upgrading while the app is open: Setup asks Windows' Restart Manager which programs hold the
; files it is about to replace and offers to close them (a silent install closes them itself);
; the app is not restarted afterwards. .pyd files are DLLs too, so they are checked as well.
CloseApplications=yes
CloseApplicationsFilter=*.exe,*.dll,*.pyd
RestartApplications=no
; two copies of Setup at once would fight over the same folder
SetupMutex=ApologyComposerSetup

#ifdef Sign
; Signing, only when /DSign=1 is given: build.ps1 gives it, with the "apologysign" tool defined
; on the same ISCC command line (/S), when the signing certificate is configured. Setup, its
; temporary copies and the uninstaller are all signed.
SignTool=apologysign
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Messages]
UninstalledAll=%1 was removed from your computer.%n%nYour campaigns were not touched: they are wherever you saved them. Your settings and drafts are still in AppData\Local\apology-composer, and your saved passwords in Windows Credential Manager, ready for when you install it again.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundled runtime as a whole: files an older version shipped and this
; one does not (an old Qt plugin, say) must not linger beside the new ones. This is only the
; folder the installer itself wrote; nothing of the person's lives there.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "Send one warm, personal apology to every affected customer"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
; The .apology file type, for this user only (HKEY_CURRENT_USER\Software\Classes). The ProgID's
; key goes with the uninstaller; of the extension's keys only our own values are removed (and
; the keys, once empty), so another program's claim on .apology would survive our uninstall.
Root: HKCU; Subkey: "Software\Classes\.apology"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\.apology\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Apology campaign"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".apology"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ The uninstaller has no Restart Manager step, so it asks Windows itself whether the app is
  still open in this person's session (WMI), and waits for them to close it: files in use
  could not be removed. If WMI cannot answer, the uninstall goes ahead. }

function WinGetCurrentProcessId: Cardinal;
  external 'GetCurrentProcessId@kernel32.dll stdcall';
function WinProcessIdToSessionId(ProcessId: Cardinal; var SessionId: Cardinal): Integer;
  external 'ProcessIdToSessionId@kernel32.dll stdcall';

function RunningCopies(): Integer;
var
  Locator, Service, Found: Variant;
  SessionId: Cardinal;
  Query: String;
begin
  Result := 0;
  Query := 'SELECT ProcessId FROM Win32_Process WHERE (Name = ''{#AppExe}'' OR Name = ''{#CliExe}'')';
  if WinProcessIdToSessionId(WinGetCurrentProcessId, SessionId) <> 0 then
    Query := Query + ' AND SessionId = ' + IntToStr(SessionId);
  try
    Locator := CreateOleObject('WbemScripting.SWbemLocator');
    Service := Locator.ConnectServer('.', 'root\CIMV2');
    Found := Service.ExecQuery(Query);
    Result := Found.Count;
  except
    Result := 0;
  end;
end;

function InitializeUninstall(): Boolean;
begin
  Result := True;
  while Result and (RunningCopies() > 0) do
    Result := SuppressibleMsgBox('{#AppName} is still open. Please close it (your campaigns ' +
      'are safe), then click Retry.', mbError, MB_RETRYCANCEL, IDCANCEL) = IDRETRY;
end;
