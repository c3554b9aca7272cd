from typing import Any


def test_stack(window: Any, qtbot: Any) -> None:
    print("count", window.stack.count(), window.stack.currentWidget() is window.start_page)
    window.files.new_case() if hasattr(window.files, "new_case") else None
    print("after new", window.stack.count(), type(window.stack.currentWidget()).__name__)
    window.show_start_page()
    print("after start", window.stack.count(), window.stack.currentWidget() is window.start_page)
