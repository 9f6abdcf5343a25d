"""The HTML checks in headless Chromium: axe-core at desktop width and at 320 CSS px,
reflow, and no network requests."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from reportgen.errors import BrowserError
from reportgen.accessibility.common import DESKTOP_WIDTH, REFLOW_WIDTH, VENDOR, Finding


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
AXE_ENV, CHROMIUM_ENV = "REPORTGEN_AXE_JS", "REPORTGEN_CHROMIUM"


def find_chromium() -> str | None:
    """Return the Chromium to run: $REPORTGEN_CHROMIUM, else one on PATH, else None."""
    if os.environ.get(CHROMIUM_ENV):
        return os.environ[CHROMIUM_ENV] if Path(os.environ[CHROMIUM_ENV]).exists() else None
    for candidate in CHROMIUM_NAMES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def find_axe() -> Path | None:
    """Return axe.min.js: $REPORTGEN_AXE_JS, else the copy installed with reportgen."""
    for candidate in (os.environ.get(AXE_ENV), VENDOR / "axe-core" / "axe.min.js"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def browser_unavailable() -> str | None:
    """Return why the browser check cannot run here, or None when it can."""
    try:
        import websocket  # noqa: F401  (websocket-client, the `accessibility` extra)
    except ImportError:
        return ("the Python package websocket-client is not installed "
                "(pip install 'reportgen[accessibility]')")
    if find_chromium() is None:
        return ("no Chromium found (apt-get install chromium, or set REPORTGEN_CHROMIUM to "
                "its path)")
    if find_axe() is None:
        return f"axe.min.js not found (set {AXE_ENV} to its path)"
    return None


class Chromium:
    """A headless Chromium driven over the DevTools protocol (one page), with a deadline on
    every call. Use as a context manager; it ends only the process it started."""

    FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-extensions", "--disable-default-apps", "--mute-audio",
             "--hide-scrollbars")

    def __init__(self, executable: str | None = None, timeout: float = 60.0):
        self.executable = executable or find_chromium()
        if not self.executable:
            raise BrowserError("no Chromium found")
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="reportgen-chromium-")
        self.process = None
        self.socket = None
        self.session = None
        self.next_id = 0
        self.events: list[dict] = []

    def __enter__(self) -> "Chromium":
        import websocket

        try:
            self.process = subprocess.Popen(
                [self.executable, *self.FLAGS, "--remote-debugging-port=0",
                 f"--user-data-dir={self.profile}", "about:blank"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError as exc:
            self.__exit__(None, None, None)
            raise BrowserError(f"cannot start {self.executable}: {exc}") from exc
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while True:
            lines = port_file.read_text().split() if port_file.exists() else []
            if len(lines) >= 2:
                break
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__(None, None, None)
                raise BrowserError(f"{self.executable} did not start a DevTools endpoint")
            time.sleep(0.05)
        try:
            self.socket = websocket.create_connection(f"ws://127.0.0.1:{lines[0]}{lines[1]}",
                                                      timeout=self.timeout, suppress_origin=True)
        except Exception as exc:
            self.__exit__(None, None, None)
            raise BrowserError(f"cannot reach {self.executable}'s DevTools endpoint: {exc}") \
                from exc
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)
        self.session = self.call("Target.attachToTarget", {"targetId": target["targetId"],
                                                           "flatten": True},
                                 session=False)["sessionId"]
        self.call("Page.enable")
        self.call("Network.enable")
        return self

    def __exit__(self, *exc) -> None:
        if self.socket is not None:
            try:
                self.socket.close()
            except Exception:  # the browser may be gone already
                pass
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)

    def call(self, method: str, params: dict | None = None, session: bool = True) -> dict:
        """Send one DevTools command and return its result (events are kept in `events`)."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        deadline = time.monotonic() + self.timeout
        try:
            self.socket.send(json.dumps(message))
        except Exception as exc:  # websocket-client's errors, or the socket's
            raise BrowserError(f"{method}: {exc}") from exc
        while time.monotonic() < deadline:
            try:
                reply = json.loads(self.socket.recv())
            except Exception as exc:  # a time-out or a closed connection
                raise BrowserError(f"{method}: {exc}") from exc
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)
        raise BrowserError(f"{method}: no answer in {self.timeout:.0f} s")

    def evaluate(self, expression: str, wait: bool = False):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": wait})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise BrowserError(f"script failed: {details.get('text')} "
                               f"{details.get('exception', {}).get('description', '')}")
        return result["result"].get("value")

    def viewport(self, width: int, height: int = 900) -> None:
        self.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                         "deviceScaleFactor": 1,
                                                         "mobile": False})

    def open(self, path: Path) -> None:
        """Load a local file and wait for its load event."""
        self.events.clear()
        result = self.call("Page.navigate", {"url": path.resolve().as_uri()})
        if result.get("errorText"):
            raise BrowserError(f"{path.name}: {result['errorText']}")
        deadline = time.monotonic() + self.timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            if time.monotonic() > deadline:
                raise BrowserError(f"{path.name} did not finish loading")
            try:
                message = json.loads(self.socket.recv())
            except Exception as exc:
                raise BrowserError(f"{path.name}: {exc}") from exc
            if "method" in message:
                self.events.append(message)

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events
                if e.get("method") == "Network.requestWillBeSent"]

    def screenshot(self, path: Path, width: int, height: int = 2000) -> None:
        """Write a PNG of the page laid out `width` CSS px wide (for a person to look at)."""
        self.viewport(width, height)
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))


AXE_RUN = """axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(
  r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))))"""

REFLOW = """(() => {
  const root = document.documentElement;
  const wide = [];
  for (const e of document.querySelectorAll('body *')) {
    const style = getComputedStyle(e);
    if (e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(style.overflowX)) {
      const labelled = e.getAttribute('aria-label') || e.getAttribute('aria-labelledby');
      wide.push({tag: e.tagName.toLowerCase(), cls: e.className, focusable: e.tabIndex >= 0,
                 labelled: !!labelled, region: e.getAttribute('role') === 'region',
                 table: !!e.querySelector('table')});
    }
  }
  return {page: root.scrollWidth, viewport: root.clientWidth, scrollers: wide};
})()"""


def check_html_in_browser(paths: list[Path], browser: Chromium, axe: Path) -> list[Finding]:
    """Run axe-core on each HTML file at desktop width and at 320 CSS px, and check reflow."""
    source = axe.read_text(encoding="utf-8")
    found: list[Finding] = []
    for path in paths:
        name = path.name
        seen = set()
        for width in (DESKTOP_WIDTH, REFLOW_WIDTH):
            browser.viewport(width)
            browser.open(path)
            browser.evaluate(source)
            for violation in json.loads(browser.evaluate(AXE_RUN, wait=True)):
                if violation["id"] in seen:
                    continue
                seen.add(violation["id"])
                found.append(Finding(name, f"axe {violation['id']}",
                                     f"{violation['help']} ({violation['impact']}; at {width} "
                                     f"px: {', '.join(violation['nodes'])})"))
            if width == REFLOW_WIDTH:
                layout = browser.evaluate(REFLOW)
                if layout["page"] > layout["viewport"]:
                    found.append(Finding(name, "reflow", f"at {width} CSS px the page is "
                                         f"{layout['page']} px wide: it scrolls sideways"))
                for box in layout["scrollers"]:
                    if not (box["table"] and box["focusable"] and box["labelled"]
                            and box["region"]):
                        found.append(Finding(name, "reflow", f"at {width} CSS px a "
                                             f"<{box['tag']} class='{box['cls']}'> scrolls "
                                             "sideways but is not a focusable, labelled "
                                             "region holding a data table"))
        outside = [u for u in browser.requests() if not u.startswith(("file:", "data:"))]
        for url in outside:
            found.append(Finding(name, "html-standalone", f"the page requested {url[:80]}"))
    return found
