"""Keeping windows on the screen: every window opens inside the screen's available area.

Office PCs have 1366×768 screens, or 1920×1080 at 150 % (1280×720 device-independent
pixels). A window is given a preferred size; it is shrunk to what the screen has left
(less the task bar and the window frame) and centred. A geometry remembered from a larger
screen is pulled back the same way, and once a window is shown its real frame (title bar
from the window manager) is checked again.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# Room for the window manager's title bar and borders before the first show (when the
# frame is not known yet): generous, so a window never starts below the screen edge.
FRAME_ALLOWANCE = QSize(16, 48)  # Windows at 150 %: a title bar of about 45 px


def screen_of(window: QWidget) -> QScreen | None:
    parent = window.parentWidget()
    screen = (parent.window().screen() if parent is not None else None) or window.screen()
    return screen or QGuiApplication.primaryScreen()


def frame_extra(window: QWidget) -> QSize:
    """Width and height the frame adds to the window (estimated before the first show)."""
    frame, inner = window.frameGeometry(), window.geometry()
    if window.isVisible() and frame.size() != inner.size():
        return QSize(frame.width() - inner.width(), frame.height() - inner.height())
    return FRAME_ALLOWANCE


def fitted_size(window: QWidget, preferred: QSize) -> QSize:
    """``preferred`` shrunk to what the window's screen has room for."""
    screen = screen_of(window)
    if screen is None:
        return preferred
    room = screen.availableGeometry().size() - frame_extra(window)
    return QSize(max(200, min(preferred.width(), room.width())), max(150, min(preferred.height(), room.height())))


def place(window: QWidget, preferred: QSize) -> None:
    """Give the window ``preferred`` size or less, centred on its screen (or its parent)."""
    window.resize(fitted_size(window, preferred))
    screen = screen_of(window)
    if screen is None:
        return
    avail = screen.availableGeometry()
    extra = frame_extra(window)
    w, h = window.width() + extra.width(), window.height() + extra.height()
    parent = window.parentWidget()
    centre = parent.window().frameGeometry().center() if parent is not None and parent.isVisible() \
        else avail.center()
    x = min(max(avail.left(), centre.x() - w // 2), avail.right() + 1 - w)
    y = min(max(avail.top(), centre.y() - h // 2), avail.bottom() + 1 - h)
    window.move(max(avail.left(), x), max(avail.top(), y))


def keep_inside(window: QWidget) -> bool:
    """Move and shrink a (shown or restored) window until its frame is inside the screen's
    available area. True if it had to change."""
    screen = screen_of(window)
    if screen is None:
        return False
    avail = screen.availableGeometry()
    frame = window.frameGeometry() if window.isVisible() else _estimated_frame(window)
    if avail.contains(frame):
        return False
    extra = QSize(frame.width() - window.width(), frame.height() - window.height())
    size = QSize(min(frame.width(), avail.width()), min(frame.height(), avail.height()))
    if size != frame.size():
        window.resize(size - extra)
    x = min(max(avail.left(), frame.left()), avail.right() + 1 - size.width())
    y = min(max(avail.top(), frame.top()), avail.bottom() + 1 - size.height())
    window.move(x, y)  # move() places the frame's top-left corner
    return True


def _estimated_frame(window: QWidget) -> QRect:
    g = window.geometry()
    extra = FRAME_ALLOWANCE
    top = extra.height() - extra.width() // 2
    return QRect(g.left() - extra.width() // 2, g.top() - top, g.width() + extra.width(),
                 g.height() + extra.height())


def check_when_shown(window: QWidget) -> None:
    """Call from showEvent: once the window manager has framed the window (at once on
    Windows, a moment later on X11), pull it inside the screen if the frame sticks out."""
    for delay in (0, 250):  # with the window as context: no call after it is gone
        QTimer.singleShot(delay, window, lambda: keep_inside(window) if window.isVisible() else None)


def fits(window: QWidget) -> bool:
    """The window's frame lies inside its screen's available area."""
    screen = screen_of(window)
    return screen is None or screen.availableGeometry().contains(window.frameGeometry())
