"""``make package`` on Linux: the frozen folder, its .tar.gz and .deb, each proven to work.

    python packaging/build.py               build, self-test, install the .deb, self-test,
                                            remove it, measure (the install needs root)
    python packaging/build.py --no-install  build and self-test the folder only

Steps: render the icons (packaging/icons.py), freeze with PyInstaller
(packaging/apology-composer.spec, one folder), run the frozen ``--self-test`` (without
SSL_CERT_FILE, so the system's trust store is what it uses), pack
``dist/apology-composer-<version>-linux-x86_64.tar.gz`` and build
``dist/apology-composer_<version>_amd64.deb`` with dpkg-deb (the folder under
/opt/apology-composer, commands in /usr/bin, a launcher with the icon and the .apology type).
Then install it for real (dpkg -i, apt-get install -f for what it declares), self-test the
installed command, remove it and check nothing is left. Any stderr line that is not on the
short allow-list of harmless Qt notices fails the build. The figures (sizes, build time, cold
start of the frozen app and of the venv to a visible window under Xvfb) are printed and written
to dist/package-figures.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from composer.version import summary, version  # noqa: E402

NAME = "apology-composer"
DIST = ROOT / "dist"
BUILD = ROOT / "build"
ICONS = BUILD / "icons"
FOLDER = DIST / NAME
INSTALLED = Path("/opt") / NAME
LINUX = ROOT / "packaging" / "linux"
# What Qt loads by name at run time (so no linking shows it) or the build machine may lack:
# the xcb platform's helpers, EGL and fontconfig's own files. The rest of Depends is worked
# out from what the frozen folder links against (see system_depends).
QT_NEEDS = (
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxkbcommon-x11-0",
    "libegl1",
    "libwayland-cursor0",
    "libwayland-egl1",
    "fontconfig",
)
# stderr lines that are Qt's notices about the environment, not the app's fault
HARMLESS = (
    re.compile(r"This plugin does not support (propagateSizeHints|raise|grabbing)"),
    re.compile(r"QStandardPaths: (XDG_RUNTIME_DIR not set|wrong permissions on runtime dir)"),
    re.compile(
        r"^qt\.qpa\.(xcb|plugin): .*(XRandR|xinerama|Could not find the Qt platform plugin \"wayland\")"
    ),
)


def say(text: str) -> None:
    print(f"package: {text}", flush=True)


def run(*command: str | Path, env: dict[str, str] | None = None, quiet: bool = False) -> str:
    """Run a command; fail on a non-zero exit or on an unexpected line on stderr."""
    done = subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, env=env, check=False
    )
    unexpected = [
        line
        for line in done.stderr.splitlines()
        if line.strip() and not any(p.search(line) for p in HARMLESS)
    ]
    if done.returncode != 0 or (unexpected and not quiet):
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(
            f"package: {' '.join(str(c) for c in command[:3])} failed"
            + (f" (exit {done.returncode})" if done.returncode else "")
            + (f"; unexpected stderr: {unexpected[0]!r}" if unexpected else "")
        )
    return done.stdout


def self_test(executable: Path) -> dict[str, object]:
    """The app's own --self-test, with the system's trust store (no SSL_CERT_FILE)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    report = json.loads(run(executable, "--self-test", env=env).strip().splitlines()[-1])
    if not report.get("ok"):
        raise SystemExit(f"package: the self-test of {executable} failed: {report}")
    if "system's trust store" not in str(report.get("trust")):
        raise SystemExit(f"package: {executable} does not use the system's trust store")
    return report


def venv_keyring_backends() -> list[str]:
    """The keyring backends this (unfrozen) Python finds, to compare with the frozen app's."""
    code = (
        "import json; from importlib import metadata; print(json.dumps(sorted("
        "e.name for e in metadata.entry_points(group='keyring.backends'))))"
    )
    return list(json.loads(run(sys.executable, "-c", code)))


def freeze() -> float:
    started = time.monotonic()
    shutil.rmtree(FOLDER, ignore_errors=True)
    run(sys.executable, ROOT / "packaging" / "icons.py", ICONS)
    run(sys.executable, "-m", "ui.translations")  # the .qm and .mo files the bundle carries
    run(
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", DIST, "--workpath", BUILD / "pyinstaller", ROOT / "packaging" / f"{NAME}.spec",
        quiet=True,  # PyInstaller's own warnings about optional modules are not the app's
    )  # fmt: skip
    return time.monotonic() - started


def tarball() -> Path:
    path = DIST / f"{NAME}-{version()}-linux-x86_64.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        archive.add(FOLDER, arcname=NAME)
    return path


def system_depends() -> tuple[list[str], list[str]]:
    """The Debian packages owning every library the frozen folder links against from the
    system (as dpkg-shlibdeps would say), and the libraries not found here at all."""
    linked: set[str] = set()
    not_found: set[str] = set()
    # as the frozen app runs: its own folder first, where the bundled libraries are
    env = {**os.environ, "LD_LIBRARY_PATH": str(FOLDER / "_internal")}
    for path in FOLDER.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        if not (".so" in path.name or path.name in (NAME, f"{NAME}-cli")):
            continue
        done = subprocess.run(
            ["ldd", str(path)], capture_output=True, text=True, check=False, env=env
        )
        for line in done.stdout.splitlines():
            name, _, where = line.strip().partition(" => ")
            target = where.split(" (")[0].strip()
            if target == "not found":
                not_found.add(name)
            elif target.startswith("/") and not target.startswith(str(FOLDER)):
                linked.add(target)
    owners: set[str] = set()
    for library in sorted(linked):
        for candidate in (library, os.path.realpath(library), "/usr" + library):
            done = subprocess.run(
                ["dpkg", "-S", candidate], capture_output=True, text=True, check=False
            )
            if done.returncode == 0:
                owners.add(done.stdout.split(":")[0].strip())
                break
    return sorted(owners | set(QT_NEEDS)), sorted(not_found)


def deb() -> Path:
    depends, not_found = system_depends()
    if not_found:
        say(f"libraries not on this build machine (declared by QT_NEEDS?): {', '.join(not_found)}")
    root = BUILD / "deb"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(FOLDER, root / "opt" / NAME, symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for command in (NAME, f"{NAME}-cli"):
        (bin_dir / command).symlink_to(f"/opt/{NAME}/{command}")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy(LINUX / f"{NAME}.desktop", share / "applications" / f"{NAME}.desktop")
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy(LINUX / f"{NAME}-mime.xml", share / "mime" / "packages" / f"{NAME}.xml")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy(ICONS / f"{NAME}-{size}.png", target / f"{NAME}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy(ICONS / f"{NAME}.svg", scalable / f"{NAME}.svg")
    size_kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) // 1024
    control = root / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        "\n".join(
            (
                f"Package: {NAME}",
                f"Version: {version()}",
                "Architecture: amd64",
                "Section: mail",
                "Priority: optional",
                "Maintainer: Apology Composer <maintainers@apologycomposer.invalid>",
                f"Installed-Size: {size_kb}",
                f"Depends: {', '.join(depends)}",
                "Homepage: https://github.com/apology-composer/apology-composer",
                f"Description: {summary()}",
                " Import the affected customers from a spreadsheet, write one warm apology with",
                " personal fields and a discount code, read every message as it will be sent,",
                " and send each customer their own e-mail from your own mailbox.",
                "",
            )
        ),
        encoding="utf-8",
    )
    path = DIST / f"{NAME}_{version()}_amd64.deb"
    run("dpkg-deb", "--root-owner-group", "-Zxz", "--build", root, path, quiet=True)
    return path


def install_and_remove(package: Path) -> dict[str, object]:
    """Install the .deb as a person's package manager would, self-test it, remove it."""
    if os.geteuid() != 0:
        raise SystemExit(
            "package: installing the .deb needs root; run as root or pass --no-install"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    done = subprocess.run(["dpkg", "-i", str(package)], capture_output=True, text=True, check=False)
    if done.returncode != 0:  # its declared dependencies are missing: let apt bring them
        run("apt-get", "install", "-f", "-y", "-q", env=env, quiet=True)
    report = self_test(Path("/usr/bin") / NAME)
    launcher = Path("/usr/share/applications") / f"{NAME}.desktop"
    mime = Path("/usr/share/mime/packages") / f"{NAME}.xml"
    if not (launcher.exists() and mime.exists() and (INSTALLED / NAME).exists()):
        raise SystemExit("package: the installed package lacks its launcher, type or app")
    missing = [
        line
        for elf in (INSTALLED / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms").glob(
            "*.so"
        )
        for line in run("ldd", elf).splitlines()
        if "not found" in line
    ]
    run("dpkg", "-r", NAME, quiet=True)
    left = [
        p
        for p in (INSTALLED, launcher, mime, Path("/usr/bin") / NAME)
        if p.exists() or p.is_symlink()
    ]
    if left:
        raise SystemExit(f"package: removing the package left {left}")
    return {"installed_self_test_seconds": report["seconds"], "libraries_not_found": missing}


def cold_start(command: list[str], runs: int = 3) -> float:
    """Median seconds from launch to a visible main window under a fresh Xvfb display (which
    must not reset when its last client leaves, or the next one may find it gone)."""
    display = ":93"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x900x24", "-nolisten", "tcp", "-noreset"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    times = []
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    try:
        probe, up = ["xdotool", "getdisplaygeometry"], time.monotonic()
        while subprocess.run(probe, env=env, capture_output=True, check=False).returncode:
            if time.monotonic() - up > 30:
                raise SystemExit(f"package: Xvfb did not start on {display}")
            time.sleep(0.05)  # the display is not up yet
        for attempt in range(runs + 1):  # the first run warms the disk cache
            started = time.monotonic()
            log = BUILD / "cold-start.log"
            app = subprocess.Popen(
                command, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w")
            )
            try:
                find = ["xdotool", "search", "--onlyvisible", "--name", "Apology Composer"]
                while subprocess.run(find, env=env, capture_output=True, check=False).returncode:
                    if app.poll() is not None:
                        said = log.read_text(errors="replace").strip().splitlines()[-3:]
                        raise SystemExit(
                            f"package: {command[0]} ended ({app.returncode}) unseen: {said}"
                        )
                    if time.monotonic() - started > 60:
                        raise SystemExit(f"package: {command[0]} showed no window in 60 s")
                    time.sleep(0.01)  # xdotool's own --sync looks only twice a second
                if attempt:
                    times.append(time.monotonic() - started)
            finally:
                app.terminate()
                app.wait(timeout=30)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-install", action="store_true", help="do not install the .deb")
    parser.add_argument("--no-measure", action="store_true", help="skip the cold-start figures")
    args = parser.parse_args()
    figures: dict[str, object] = {"version": version()}
    say("freezing (PyInstaller, one folder)")
    figures["build_seconds"] = round(freeze(), 1)
    for command in (NAME, f"{NAME}-cli"):  # both answer without a display
        said = run(FOLDER / command, "--version").strip()
        if said != f"{NAME} {version()}":
            raise SystemExit(f"package: {command} --version said {said!r}")
    frozen = self_test(FOLDER / NAME)
    figures["frozen_self_test_seconds"] = frozen["seconds"]
    venv_backends = venv_keyring_backends()
    frozen_backends = list(frozen["keyring_backends"])  # type: ignore[call-overload]
    if frozen_backends != venv_backends:
        raise SystemExit(
            f"package: frozen keyring sees {frozen_backends}, the venv {venv_backends}"
        )
    figures["keyring_backends"] = frozen_backends
    say(f"self-test passed; keyring finds {len(frozen_backends)} backends, as the venv does")
    archive, package = tarball(), deb()
    files = [p for p in FOLDER.rglob("*") if p.is_file() and not p.is_symlink()]
    figures["folder_mb"] = round(sum(p.stat().st_size for p in files) / 2**20, 1)
    figures["tar_gz_mb"] = round(archive.stat().st_size / 2**20, 1)
    figures["deb_mb"] = round(package.stat().st_size / 2**20, 1)
    say(f"built {archive.name} and {package.name}")
    if not args.no_install:
        figures.update(install_and_remove(package))
        say("installed, self-tested and removed the .deb; nothing left under /opt")
    if not args.no_measure and shutil.which("Xvfb") and shutil.which("xdotool"):
        figures["cold_start_frozen_seconds"] = round(cold_start([str(FOLDER / NAME)]), 2)
        venv_app = Path(sys.executable).parent / NAME
        figures["cold_start_venv_seconds"] = round(cold_start([str(venv_app)]), 2)
    (DIST / "package-figures.json").write_text(
        json.dumps(figures, indent=2) + "\n", encoding="utf-8"
    )
    for key, value in figures.items():
        print(f"  {key:28} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
