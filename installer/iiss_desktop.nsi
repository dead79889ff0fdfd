; Per-user installer (no administrator rights): %LOCALAPPDATA%\Programs\iiss_desktop.
; Data stay in %LOCALAPPDATA%\iiss_desktop and survive upgrades and uninstalls.
Unicode true
!include "MUI2.nsh"
!define APPNAME "iiss_desktop"
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
Name "${APPNAME} ${VERSION}"
OutFile "..\dist\iiss_desktop-${VERSION}-setup.exe"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Italian"

Section "Programma"
  SetOutPath "$INSTDIR"
  File /r "..\dist\iiss_desktop\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\iiss_desktop.lnk" "$INSTDIR\iiss-desktop.exe"
  WriteRegStr HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPNAME}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPNAME}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPNAME}" "UninstallString" "$INSTDIR\uninstall.exe"
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\iiss_desktop.lnk"
  RMDir /r "$INSTDIR"
  DeleteRegKey HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPNAME}"
SectionEnd
