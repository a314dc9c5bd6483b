"""cdp.py: headless Chromium driven over the DevTools protocol, through
the pipe Chromium opens with --remote-debugging-pipe (it reads commands
on fd 3 and writes replies on fd 4, each a JSON text ended by a NUL): no
network, no port, no library beyond Python's own.

    with Browser(profile_dir) as b:
        b.open("file:///.../page.html", 1200, 900)
        b.eval("document.title")
        b.key("ArrowRight")            # to whatever has the focus
        b.click("#next")               # a real mouse click at its centre
        b.hover("[data-k='0:1:16384']")
        png = b.screenshot()           # bytes of a PNG

Every call waits for its reply; an exception thrown in the page (the
script broke) is kept in b.errors."""
import base64
import json
import os
import select
import shutil
import subprocess

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--remote-debugging-pipe"]


class Browser:
    def __init__(self, profile, timeout=120):
        shutil.rmtree(profile, ignore_errors=True)
        to_chrome, self._w = os.pipe()
        self._r, from_chrome = os.pipe()

        def fds():
            os.dup2(to_chrome, 3)
            os.dup2(from_chrome, 4)

        self.p = subprocess.Popen(CHROMIUM + ["--user-data-dir=" + profile],
                                  pass_fds=(3, 4), preexec_fn=fds,
                                  stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        os.close(to_chrome)
        os.close(from_chrome)
        self.timeout = timeout
        self.buf, self.n, self.pending, self.errors = b"", 0, [], []
        self.session = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _recv(self):
        while b"\0" not in self.buf:
            if not select.select([self._r], [], [], self.timeout)[0]:
                raise RuntimeError("chromium did not answer in %d s"
                                   % self.timeout)
            d = os.read(self._r, 1 << 16)
            if not d:
                raise RuntimeError("chromium closed the debugging pipe")
            self.buf += d
        msg, self.buf = self.buf.split(b"\0", 1)
        m = json.loads(msg)
        if m.get("method") == "Runtime.exceptionThrown":
            d = m["params"]["exceptionDetails"]
            self.errors.append(d.get("exception", {}).get("description") or
                               d.get("text"))
        return m

    def send(self, method, params=None, session=True):
        self.n += 1
        m = {"id": self.n, "method": method, "params": params or {}}
        if session and self.session:
            m["sessionId"] = self.session
        os.write(self._w, json.dumps(m).encode() + b"\0")
        while True:
            r = self._recv()
            if r.get("id") == self.n:
                if "error" in r:
                    raise RuntimeError("%s: %s" % (method, r["error"]))
                return r.get("result", {})
            self.pending.append(r)

    def wait_event(self, method):
        while True:
            for i, e in enumerate(self.pending):
                if e.get("method") == method:
                    return self.pending.pop(i)
            self.pending.append(self._recv())

    def open(self, url, width, height):
        """A new tab of width x height CSS pixels showing url, loaded."""
        t = self.send("Target.createTarget", {"url": "about:blank"})
        self.session = self.send("Target.attachToTarget",
                                 {"targetId": t["targetId"],
                                  "flatten": True})["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height,
                   "deviceScaleFactor": 1, "mobile": False})
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def eval(self, expr):
        r = self.send("Runtime.evaluate", {"expression": expr,
                                           "returnByValue": True})
        if "exceptionDetails" in r:
            raise RuntimeError("%s: %s" % (expr, r["exceptionDetails"]))
        return r["result"].get("value")

    def key(self, name, code):
        """Presses and releases a key (name "ArrowRight", code 39)."""
        for t in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent",
                      {"type": t, "key": name, "code": name,
                       "windowsVirtualKeyCode": code})

    def centre(self, selector):
        """Scrolls the element into view; its centre in the viewport."""
        return self.eval("(function(){var e=document.querySelector(%s);"
                         "e.scrollIntoView({block:'center'});"
                         "var r=e.getBoundingClientRect();"
                         "return [r.x+r.width/2,r.y+r.height/2];})()"
                         % json.dumps(selector))

    def click(self, selector):
        x, y = self.centre(selector)
        for t in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent",
                      {"type": t, "x": x, "y": y, "button": "left",
                       "clickCount": 1})

    def hover(self, selector):
        x, y = self.centre(selector)
        self.send("Input.dispatchMouseEvent",
                  {"type": "mouseMoved", "x": x, "y": y})

    def screenshot(self):
        return base64.b64decode(self.send("Page.captureScreenshot",
                                          {"format": "png"})["data"])

    def close(self):
        if self.p.poll() is None:
            try:
                self.send("Browser.close", session=False)
            except (RuntimeError, OSError):
                pass
            try:
                self.p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
        for fd in (self._w, self._r):
            try:
                os.close(fd)
            except OSError:
                pass
