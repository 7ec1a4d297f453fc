#!/usr/bin/env bash
# Apology Composer for macOS: the .app, signed (when configured), smoke-tested, in a .dmg,
# notarised and stapled (when configured). Run on a Mac with Python 3.11+ and the Xcode
# command-line tools; the release workflow runs it on GitHub's macos-15 runner (Apple silicon).
#
#   bash packaging/macos/build.sh
#
# Steps: a private virtual environment (build/venv-macos) with the app and PyInstaller; the icons
# (packaging/icons.py build/icons); PyInstaller on packaging/apology-composer.spec, which makes
# "dist/Apology Composer.app"; code signing, inside out; the self-test of the executable inside
# the .app; dist/ApologyComposer-<version>-macos-<arch>.dmg (the .app and an /Applications link);
# the .app copied out of the mounted .dmg, as a person would, and self-tested again; notarisation
# and stapling of the .app and then of the .dmg; Gatekeeper's verdict (spctl).
#
# Signing and notarisation are switched on by environment variables only:
#   APOLOGY_MACOS_IDENTITY    "Developer ID Application: Name (TEAMID)", a certificate with its
#                             private key in the keychain (the release workflow imports it)
#   APOLOGY_NOTARY_PROFILE    a keychain profile made with `xcrun notarytool store-credentials`
#   or APOLOGY_NOTARY_APPLE_ID + APOLOGY_NOTARY_TEAM_ID + APOLOGY_NOTARY_PASSWORD (an
#                             app-specific password of that Apple ID)
# Without an identity the bundle is signed ad hoc (Apple silicon runs nothing unsigned) and is
# not notarised: Gatekeeper will stop it on other Macs until the person allows it (see
# docs/releasing.md). Notarisation needs the identity.
#
# Entitlements (packaging/macos/entitlements.plist, deliberately empty; Apple wants that file
# without comments, so the reasons are here): under the hardened runtime this app needs no
# exception. It has no JIT and no QML (QtQml and QtQuick are excluded from the bundle);
# Python 3.12's ctypes, used by keyring's macOS backend, makes no callbacks at import any more,
# and a python.org build's ctypes uses Apple's libffi, whose closures need no writable and
# executable memory, so com.apple.security.cs.allow-unsigned-executable-memory is not needed;
# every library in the bundle is signed here with the same Team ID, so library validation
# passes without com.apple.security.cs.disable-library-validation. The app is not sandboxed,
# so it needs no network or keychain entitlements either. The self-test runs on the signed
# .app, under the hardened runtime, so a missing exception fails the build rather than the
# person's first launch: a MemoryError from ctypes would call for allow-unsigned-executable-
# memory; "different Team IDs" in a crash report means some library escaped signing (sign it;
# do not switch library validation off).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

APP_NAME="Apology Composer"
BUNDLE_ID="org.apologycomposer.app"
PYTHON="${PYTHON:-python3}"
VENV="$ROOT/build/venv-macos"
PY="$VENV/bin/python"
APP="$ROOT/dist/$APP_NAME.app"
ENTITLEMENTS="$ROOT/packaging/macos/entitlements.plist"
WORK="$ROOT/build/macos"
SELF_TEST_SECONDS=300
IDENTITY="${APOLOGY_MACOS_IDENTITY:-}"

# the self-test opens (and closes) the main window; offscreen needs no logged-in desktop
export QT_QPA_PLATFORM=offscreen
export PIP_DISABLE_PIP_VERSION_CHECK=1

step() { printf '\n==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

[ "$(uname -s)" = "Darwin" ] || fail "this builds the macOS app: run it on a Mac"
for tool in codesign hdiutil ditto xcrun spctl file lipo; do
    command -v "$tool" >/dev/null || fail "$tool not found (install the Xcode command-line tools)"
done
plutil -lint "$ENTITLEMENTS" >/dev/null || fail "$ENTITLEMENTS is not a valid property list"

# Runs a command with a time limit (macOS has no timeout(1)): perl's alarm survives exec.
with_timeout() {
    local seconds="$1"
    shift
    perl -e 'alarm shift @ARGV; exec @ARGV or die "cannot run $ARGV[0]: $!\n"' "$seconds" "$@"
}

# self_test LABEL APP: the app's own executable with --self-test; its JSON line is printed and
# it must exit 0.
self_test() {
    local label="$1" app="$2" executable out err status=0
    executable="$app/Contents/MacOS/$(/usr/libexec/PlistBuddy -c 'Print :CFBundleExecutable' "$app/Contents/Info.plist")"
    out="$WORK/self-test-$label.out"
    err="$WORK/self-test-$label.err"
    step "Self-test ($label): $executable --self-test"
    with_timeout "$SELF_TEST_SECONDS" "$executable" --self-test >"$out" 2>"$err" || status=$?
    if [ -s "$err" ]; then
        echo "stderr of the $label self-test:"
        sed 's/^/  /' "$err"
    fi
    if [ -s "$out" ]; then
        tail -n 1 "$out"
        "$PY" - "$out" <<'PY' || true
import json, sys
lines = [line for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
for check in json.loads(lines[-1]).get("checks", []):
    print(f"  {'ok  ' if check.get('ok') else 'FAIL'} {check.get('name')}: {check.get('detail')}")
PY
    else
        warn "the $label self-test printed nothing"
    fi
    [ "$status" -eq 0 ] || fail "the $label self-test failed (exit status $status; 142 means it ran out of time)"
}

is_macho() {
    case "$(file -b "$1")" in
        *Mach-O*) return 0 ;;
        *) return 1 ;;
    esac
}

# sign PATH [codesign options...]: with the Developer ID, a secure timestamp and the hardened
# runtime; ad hoc when there is no identity.
sign() {
    local path="$1"
    shift
    if [ -n "$IDENTITY" ]; then
        codesign --force --timestamp --options runtime --sign "$IDENTITY" "$@" "$path"
    else
        codesign --force --sign - "$@" "$path"
    fi
}

# Signs the bundle from the inside out, each piece on its own (Apple advises against --deep,
# which gives every piece the same options and misses code outside the usual places):
# 1. every loose Mach-O file: Python's extension modules, Qt's and PySide6's libraries and
#    plugins, wherever PyInstaller put them; 2. each .framework (Qt's, Python's), innermost
#    first, after any code nested in it; 3. the other executables in Contents/MacOS (the
#    command line), with the entitlements and an identifier of their own; 4. the .app, which
#    signs its main executable, with the entitlements.
sign_bundle() {
    local contents="$APP/Contents" main file framework name
    main="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleExecutable' "$contents/Info.plist")"
    xattr -cr "$APP"  # Finder info and quarantine attributes make codesign refuse

    while IFS= read -r -d '' file; do
        case "$file" in
            *.framework/*) continue ;;
            "$contents/MacOS/"*) continue ;;
        esac
        if is_macho "$file"; then sign "$file"; fi
    done < <(find "$contents" -type f -print0)

    while IFS= read -r framework; do
        [ -n "$framework" ] || continue
        name="$(basename "$framework" .framework)"
        while IFS= read -r -d '' file; do
            [ "$(basename "$file")" = "$name" ] && continue  # the framework's own binary
            if is_macho "$file"; then sign "$file"; fi
        done < <(find "$framework" -mindepth 1 -type d -name '*.framework' -prune -o -type f -print0)
        sign "$framework"
    done < <(find "$contents" -type d -name '*.framework' | awk '{ print gsub("/", "/"), $0 }' | sort -rn | cut -d' ' -f2-)

    for file in "$contents/MacOS/"*; do
        if [ ! -f "$file" ] || [ -L "$file" ] || [ "$(basename "$file")" = "$main" ]; then
            continue
        fi
        sign "$file" --entitlements "$ENTITLEMENTS" --identifier "$BUNDLE_ID.$(basename "$file")"
    done

    sign "$APP" --entitlements "$ENTITLEMENTS"
    codesign --verify --deep --strict --verbose=2 "$APP"
    if [ -n "$IDENTITY" ]; then
        codesign --display --verbose=2 "$APP" 2>&1 | grep -E '^(Identifier|Authority|TeamIdentifier|Timestamp|CodeDirectory)' || true
        codesign --display --verbose=2 "$APP" 2>&1 | grep 'flags=.*runtime' >/dev/null \
            || fail "the hardened runtime is not on"
    fi
}

# (a flag beside the array: bash 3.2, macOS's own, calls an empty array unbound under set -u)
HAVE_NOTARY=0
NOTARY=(--keychain-profile "")
if [ -n "${APOLOGY_NOTARY_PROFILE:-}" ]; then
    NOTARY=(--keychain-profile "$APOLOGY_NOTARY_PROFILE")
    HAVE_NOTARY=1
elif [ -n "${APOLOGY_NOTARY_APPLE_ID:-}" ] && [ -n "${APOLOGY_NOTARY_TEAM_ID:-}" ] && [ -n "${APOLOGY_NOTARY_PASSWORD:-}" ]; then
    NOTARY=(--apple-id "$APOLOGY_NOTARY_APPLE_ID" --team-id "$APOLOGY_NOTARY_TEAM_ID" --password "$APOLOGY_NOTARY_PASSWORD")
    HAVE_NOTARY=1
fi

# notarize FILE: submits to Apple's notary service and waits. notarytool exits 0 even when the
# submission is rejected ("Invalid"), so the status is read from its JSON; on a rejection the
# service's log, which names each offending file, is printed.
notarize() {
    local file="$1" result id status
    step "Notarising $(basename "$file") (this usually takes a few minutes)"
    result="$(xcrun notarytool submit "$file" "${NOTARY[@]}" --wait --output-format json)" \
        || fail "notarytool submit failed: $result"
    read -r id status < <(printf '%s\n' "$result" | "$PY" -c '
import json, sys
found = {}
for line in sys.stdin:
    line = line.strip()
    if line.startswith("{"):
        try:
            found = json.loads(line)
        except ValueError:
            pass
print(found.get("id", "-"), found.get("status", "unknown"))
')
    echo "submission $id: $status"
    if [ "$status" != "Accepted" ]; then
        [ "$id" = "-" ] || xcrun notarytool log "$id" "${NOTARY[@]}" || true
        fail "notarisation of $(basename "$file") was not accepted ($status)"
    fi
}

step "Virtual environment in $VENV"
[ -x "$PY" ] || "$PYTHON" -m venv "$VENV"
"$PY" -m pip install --upgrade pip
# the app, editable, with its "package" extra: PyInstaller, pinned once, in pyproject.toml
"$PY" -m pip install -e ".[package]"

VERSION="$("$PY" -c 'from composer.version import version; print(version())')"
if [ -z "$VERSION" ] || [ "$VERSION" = "unknown" ]; then
    fail "could not read the version from pyproject.toml"
fi
echo "$APP_NAME $VERSION"
mkdir -p "$WORK"

step "Icons"
"$PY" packaging/icons.py build/icons
[ -f build/icons/apology-composer.icns ] || fail "packaging/icons.py wrote no build/icons/apology-composer.icns"

step "PyInstaller"
"$PY" -m PyInstaller --noconfirm --clean --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
    packaging/apology-composer.spec
[ -d "$APP" ] || fail "PyInstaller made no $APP"
found_id="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleIdentifier' "$APP/Contents/Info.plist")"
[ "$found_id" = "$BUNDLE_ID" ] || fail "the bundle identifier is $found_id, not $BUNDLE_ID"
MAIN="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleExecutable' "$APP/Contents/Info.plist")"
ARCH="$(lipo -archs "$APP/Contents/MacOS/$MAIN")"
case "$ARCH" in
    *x86_64*arm64* | *arm64*x86_64*) ARCH="universal" ;;
esac
"$APP/Contents/MacOS/$MAIN" --version

if [ -n "$IDENTITY" ]; then
    step "Signing with $IDENTITY"
    security find-identity -v -p codesigning | grep -F "$IDENTITY" >/dev/null \
        || fail "no valid code-signing identity \"$IDENTITY\" in the keychain"
else
    step "UNSIGNED build: APOLOGY_MACOS_IDENTITY is not set; signing ad hoc"
    echo "Gatekeeper will stop this app on other Macs until the person allows it (docs/releasing.md)."
fi
sign_bundle

self_test "bundle" "$APP"

if [ -n "$IDENTITY" ] && [ "$HAVE_NOTARY" = 1 ]; then
    # the .app first, so that a copy dragged out of the .dmg carries its own ticket
    zip="$WORK/$APP_NAME.zip"
    rm -f "$zip"
    ditto -c -k --keepParent "$APP" "$zip"
    notarize "$zip"
    xcrun stapler staple "$APP"
    xcrun stapler validate "$APP"
    NOTARIZED=1
else
    NOTARIZED=0
    if [ -n "$IDENTITY" ]; then
        warn "no notary credentials (APOLOGY_NOTARY_PROFILE, or APOLOGY_NOTARY_APPLE_ID + _TEAM_ID + _PASSWORD): signed but not notarised"
    elif [ "$HAVE_NOTARY" = 1 ]; then
        warn "notary credentials but no APOLOGY_MACOS_IDENTITY: Apple notarises only Developer ID-signed code, so not notarising"
    fi
fi

DMG="$ROOT/dist/ApologyComposer-$VERSION-macos-$ARCH.dmg"
step "Disk image $DMG"
staging="$WORK/dmg"
rm -rf "$staging"
mkdir -p "$staging"
ditto "$APP" "$staging/$APP_NAME.app"
ln -s /Applications "$staging/Applications"
rm -f "$DMG"
# hdiutil now and then fails with "Resource busy" on CI machines: try again a few times
for attempt in 1 2 3 4 5; do
    if hdiutil create -volname "$APP_NAME" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$DMG"; then
        break
    fi
    [ "$attempt" -lt 5 ] || fail "hdiutil create failed $attempt times"
    warn "hdiutil create failed; trying again"
    sleep $((attempt * 5))
done
hdiutil verify "$DMG"
if [ -n "$IDENTITY" ]; then
    codesign --force --timestamp --sign "$IDENTITY" "$DMG"
    codesign --verify --strict --verbose=2 "$DMG"
fi
if [ "$NOTARIZED" = 1 ]; then
    notarize "$DMG"
    xcrun stapler staple "$DMG"
    xcrun stapler validate "$DMG"
fi

step "Installing from the disk image, as a person would"
mount_point="$WORK/mount"
installed="$WORK/Applications"
rm -rf "$installed"
mkdir -p "$mount_point" "$installed"
hdiutil attach -nobrowse -readonly -noautoopen -mountpoint "$mount_point" "$DMG" >/dev/null
[ -L "$mount_point/Applications" ] || warn "the disk image has no Applications link"
ditto "$mount_point/$APP_NAME.app" "$installed/$APP_NAME.app"
for attempt in 1 2 3 4 5; do
    if hdiutil detach "$mount_point" >/dev/null; then break; fi
    [ "$attempt" -lt 5 ] || hdiutil detach -force "$mount_point" >/dev/null || warn "could not detach $mount_point"
    sleep 2
done
codesign --verify --deep --strict --verbose=2 "$installed/$APP_NAME.app"
self_test "installed" "$installed/$APP_NAME.app"
rm -rf "$installed"

if [ -n "$IDENTITY" ]; then
    step "Gatekeeper"
    if [ "$NOTARIZED" = 1 ]; then
        spctl --assess --type execute --verbose=4 "$APP"
        spctl --assess --type open --context context:primary-signature --verbose=4 "$DMG"
    else
        # without a notarisation ticket Gatekeeper rejects a Developer ID app; say so, do not fail
        spctl --assess --type execute --verbose=4 "$APP" \
            || warn "Gatekeeper rejects the app until it is notarised"
    fi
fi

step "Done"
ls -l "$DMG"
if [ -z "$IDENTITY" ]; then
    echo "UNSIGNED (ad hoc) and not notarised: see docs/releasing.md for what that means for the people installing it."
elif [ "$NOTARIZED" != 1 ]; then
    echo "Signed but NOT notarised: Gatekeeper will still warn. See docs/releasing.md."
fi
