#!/usr/bin/python3
# test-a11y.py: what a screen reader sees of Storekeeper, through AT-SPI (TAP).
#
# Starts `storekeeper --demo` with the accessibility bridge on, then walks
# the accessibility tree of each view (Overview, Vector Stores, the files of
# a store, Files, the delete confirmation, Preferences, the cleanup rules and
# the rule editor) as Orca would. It
# moves between them through the actions the tree exposes (page tabs,
# row.activate, row.toggle, buttons), so those actions are tested too.
#
# An object shown on screen fails when it is interactive and has no name,
# is named after its class ("GtkButton"), carries a mnemonic mark ("_Delete"),
# says its label twice ("Delete… Delete…"), or has no action; a table row
# fails without a description. Pages that are not shown must be reported
# hidden.
#
# Run by `meson test` under dbus-run-session and Xvfb (see tests/meson.build,
# build-aux/setup.sh); needs python3-pyatspi, at-spi2-core and xdotool.
# `test-a11y.py --dump` prints the tree of the window instead.

import os
import re
import subprocess
import sys
import time

import pyatspi

INTERACTIVE = {
    'push button', 'toggle button', 'check box', 'radio button', 'combo box',
    'entry', 'text', 'password text', 'spin button', 'slider', 'switch',
    'menu item', 'check menu item', 'radio menu item', 'page tab', 'link',
    'table row', 'tree table', 'table', 'list', 'list box', 'scroll bar', 'menu',
}
# Controls whose name comes from a label written by the program: a "_" there
# is a mnemonic mark. Rows and list items are named by data (filenames).
LABELLED = {
    'push button', 'toggle button', 'check box', 'radio button', 'combo box',
    'menu item', 'check menu item', 'radio menu item', 'page tab', 'link',
}
ACTIONABLE = {
    'push button', 'toggle button', 'check box', 'radio button', 'combo box',
    'page tab', 'table row',
}
CLASS_NAME = re.compile(r'^(Gtk|Adw|Sk)[A-Z]\w*$')
MNEMONIC = re.compile(r'(^|[^_])_[^_]')

n_tests = 0
failed = False


def tap(ok, what, details=()):
    global n_tests, failed
    n_tests += 1
    print(('ok' if ok else 'not ok') + ' %d - %s' % (n_tests, what))
    for line in details if not ok else ():
        print('#   ' + line)
    if not ok:
        failed = True
    sys.stdout.flush()


def said_twice(name):
    """Whether @name ends with a repetition of its own tail: "A A", "X: A A"."""
    for i, c in enumerate(name):
        if c == ' ':
            tail = name[i + 1:]
            if len(tail) >= 3 and name[:i].endswith(tail):
                return True
    return False


def state(acc, which):
    try:
        return acc.getState().contains(which)
    except Exception:
        return False


def actions(acc):
    try:
        ai = acc.queryAction()
    except NotImplementedError:
        return []
    names = []
    for i in range(ai.nActions):
        try:
            names.append(ai.getName(i))
        except Exception:
            pass
    return names


def do_action(acc, name):
    ai = acc.queryAction()
    for i in range(ai.nActions):
        if ai.getName(i) == name:
            return ai.doAction(i)
    raise AssertionError('%s %r has no action %s' % (acc.getRoleName(), acc.name, name))


def children(acc):
    for i in range(acc.childCount):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:
            child = None
        if child is not None:
            yield child


# Not walked into: the cells of a row are its labels (the row is checked), and
# every object costs round trips (GTK 4.8 offers no cache to AT-SPI)
LEAVES = {'table row', 'table cell', 'label'}


def shown(acc):
    """The objects under @acc that are reported visible, with their path."""
    stack = [(acc, acc.name or acc.getRoleName())]
    while stack:
        node, path = stack.pop()
        if not state(node, pyatspi.STATE_VISIBLE):
            continue
        yield node, path
        if node is not acc and node.getRoleName() in LEAVES:
            continue
        kids = list(children(node))
        for child in reversed(kids):
            try:
                label = child.name or child.getRoleName()
            except Exception:
                label = '?'
            stack.append((child, path + ' > ' + label))


def problems(root):
    found = []
    for acc, path in shown(root):
        role = acc.getRoleName()
        name = acc.name or ''
        if role not in INTERACTIVE:
            continue
        if role == 'scroll bar':
            continue
        where = '%s [%s]' % (path, role)
        if not name.strip():
            found.append('no name: ' + where)
        elif CLASS_NAME.match(name):
            found.append('named by its class: ' + where)
        if role in LABELLED and MNEMONIC.search(name):
            found.append('mnemonic mark in the name: ' + where)
        if said_twice(name):
            found.append('name said twice: ' + where)
        if role in ACTIONABLE and state(acc, pyatspi.STATE_SENSITIVE) and not actions(acc):
            found.append('no action: ' + where)
        if role == 'table row' and not (acc.description or '').strip():
            found.append('row without a description: ' + where)
    return found


def find(root, role=None, name=None, pred=None, visible=True):
    for acc, _ in (shown(root) if visible else all_nodes(root)):
        if role is not None and acc.getRoleName() != role:
            continue
        if name is not None and acc.name != name:
            continue
        if pred is not None and not pred(acc):
            continue
        return acc
    return None


def all_nodes(acc):
    stack = [(acc, '')]
    while stack:
        node, path = stack.pop()
        yield node, path
        for child in children(node):
            stack.append((child, path))


def wait_for(what, func, timeout=30):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = func()
        except Exception:
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError('timed out waiting for ' + what)


def application():
    desktop = pyatspi.Registry.getDesktop(0)
    for app in children(desktop):
        if (app.name or '') == 'storekeeper':
            return app
    return None


def frames(app):
    return [w for w in children(app) if state(w, pyatspi.STATE_VISIBLE)]


def main_window(app):
    for w in children(app):
        if w.getRoleName() == 'frame' and w.name == 'Storekeeper':
            return w
    return None


def rows_of(window, table_name):
    table = find(window, 'tree table', table_name)
    if table is None:
        return []
    # the rows of data, not the row of column headers
    return [acc for acc, _ in shown(table)
            if acc.getRoleName() == 'table row' and acc.parent.getRoleName() == 'list']


def settled_names(window, table_name):
    """The names of the rows shown, once they stay the same for a second"""
    names = None
    end = time.monotonic() + 30
    while time.monotonic() < end:
        time.sleep(1)
        try:
            now = [row.name for row in rows_of(window, table_name)]
        except Exception:   # the application is busy sorting: ask again
            continue
        if now and now == names:
            return now
        names = now
    raise AssertionError('the rows of %s do not settle' % table_name)


def click_row(row, modifier=None):
    """Clicks the middle of @row, with @modifier ("ctrl", "shift") held"""
    out = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', '^Storekeeper$',
                          'getwindowgeometry', '--shell'], capture_output=True, text=True).stdout
    geometry = dict(line.split('=', 1) for line in out.split() if '=' in line)
    extents = row.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    x = int(geometry.get('X', 0)) + extents.x + extents.width // 4
    y = int(geometry.get('Y', 0)) + extents.y + extents.height // 2
    args = ['mousemove', '--sync', str(x), str(y)]
    if modifier:
        args += ['keydown', modifier]
    args += ['click', '1']
    if modifier:
        args += ['keyup', modifier]
    xdotool(*args)
    time.sleep(0.5)


def wait_for_selected(window, n):
    """Whether the action bar says that @n rows are selected"""
    try:
        return wait_for('%d selected' % n, lambda: any((a.name or '').startswith('%d selected' % n)
                                                       for a, _ in shown(window)), timeout=10)
    except AssertionError:
        return False


def check_view(what, root, todo=()):
    """One TAP line for @root; problems matching a @todo pattern are
    reported as TODO (known, owned elsewhere) instead of failing."""
    found = problems(root)
    known = [p for p in found if any(t in p for t in todo)]
    other = [p for p in found if p not in known]
    tap(not other, what + ': every control shown is named and actionable', other)
    if known:
        print('not ok %d - %s: known problems # TODO fixed in the page that owns them' % (n_tests + 1, what))
        for line in known:
            print('#   ' + line)
        globals()['n_tests'] += 1


def xdotool(*args):
    subprocess.run(['xdotool'] + list(args), check=False)


def focus_app():
    """Gives the keyboard focus to the main window (no window manager)."""
    out = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', '^Storekeeper$'],
                         capture_output=True, text=True).stdout.split()
    if out:
        xdotool('windowfocus', '--sync', out[0])


def launch(*args):
    env = dict(os.environ)
    for var in ('NO_AT_BRIDGE', 'GTK_A11Y'):
        env.pop(var, None)
    binary = env.get('STOREKEEPER_BIN') or os.path.join(env.get('SK_BUILD_ROOT', '_build'), 'src', 'storekeeper')
    return subprocess.Popen([binary] + list(args), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(app_proc):
    app_proc.terminate()
    try:
        app_proc.wait(10)
    except subprocess.TimeoutExpired:
        app_proc.kill()


def main():
    # the accessibility bus and its registry run before the application
    # starts, so that it registers at once
    pyatspi.Registry.getDesktop(0)
    for args, steps in ((['--demo'], run), ([], run_welcome)):
        app_proc = launch(*args)
        try:
            steps(app_proc)
        except AssertionError as e:
            tap(False, str(e))
        finally:
            stop(app_proc)
        if '--dump' in sys.argv:
            break
    print('1..%d' % n_tests)
    return 1 if failed else 0


def run_welcome(app_proc):
    """Without an account: the welcome form"""
    app = wait_for('the application on the accessibility bus', application)
    window = wait_for('the main window', lambda: main_window(app))
    wait_for('the welcome form', lambda: find(window, None, 'API Key'))
    tap(find(window, 'tree table') is None and find(window, 'page tab list') is None,
        'the welcome form alone is reported visible')
    check_view('Welcome', window)


def run(app_proc):
    app = wait_for('the application on the accessibility bus', application)
    window = wait_for('the main window', lambda: main_window(app))
    wait_for('the overview', lambda: find(window, 'page tab', 'Files'))

    if '--dump' in sys.argv:
        for acc, path in shown(window):
            print('%s [%s] desc=%r actions=%s' % (path, acc.getRoleName(), acc.description, actions(acc)))
        return

    # Hidden things are reported hidden
    switchers = [a for a, _ in shown(window) if a.getRoleName() == 'page tab list']
    tap(len(switchers) == 1, 'one view switcher is reported visible (%d)' % len(switchers))
    tap(find(window, 'password text') is None and find(window, None, 'API Key') is None,
        'the welcome form, not shown, is reported hidden')
    tap(find(window, 'tree table', 'Files') is None,
        'the Files page, not shown, is reported hidden')

    check_view('Overview', window)

    # Vector Stores, through its page tab
    do_action(find(window, 'page tab', 'Vector Stores'), 'click')
    rows = wait_for('the vector stores', lambda: rows_of(window, 'Vector stores'))
    tap(find(window, 'tree table', 'Vector stores') is not None and find(window, 'list', 'Can Safely Go') is None,
        'the Vector Stores page is shown and the Overview reported hidden')
    check_view('Vector Stores', window)
    store_name = rows[0].name
    tap('row.activate' in actions(rows[0]) and 'row.toggle' in actions(rows[0]),
        'a store row exposes row.activate and row.toggle')

    # Ctrl+click adds rows to the selection and takes them out, Shift+click
    # extends it (with the pointer, the one place this test uses it)
    click_row(rows[0])
    click_row(rows[2], 'ctrl')
    click_row(rows[4], 'ctrl')
    tap(wait_for_selected(window, 3), 'Ctrl+click added two rows to the selection')
    click_row(rows[2], 'ctrl')
    tap(wait_for_selected(window, 2), 'Ctrl+click took a row out of the selection')
    click_row(rows[6], 'shift')
    tap(wait_for_selected(window, 5), 'Shift+click selected the rows from the last one clicked (3 to 7)')

    # The confirmation for vector stores, with its choices
    do_action(find(window, 'push button', 'Delete…'), 'click')
    dialog = wait_for('the confirmation', lambda: next((w for w in frames(app) if (w.name or '').startswith('Delete 5')), None))
    check_view('Delete vector stores confirmation', dialog)
    do_action(find(dialog, 'push button', 'Cancel'), 'click')
    wait_for('the confirmation to close', lambda: all(not (w.name or '').startswith('Delete 5') for w in frames(app)))
    do_action(find(window, 'push button', 'Select None'), 'click')

    # The files of a store, opened with the row's action
    do_action(rows[0], 'row.activate')
    wait_for('the files of the store', lambda: rows_of(window, 'Files of the vector store'))
    tap(find(window, 'label', store_name) is not None, 'row.activate opened the store "%s"' % store_name)
    check_view('Files of a vector store', window)

    # Removing a file from the store: the toast offers Undo
    do_action(rows_of(window, 'Files of the vector store')[0], 'row.toggle')
    do_action(wait_for('Remove from Store', lambda: find(window, 'push button', 'Remove from Store')), 'click')
    undo = wait_for('the Undo button', lambda: find(window, 'push button', 'Undo'))
    check_view('Files of a vector store, with the Undo toast', window)
    do_action(undo, 'click')
    do_action(find(window, 'push button', 'Back to Vector Stores'), 'click')

    # Files
    do_action(find(window, 'page tab', 'Files'), 'click')
    rows = wait_for('the files', lambda: rows_of(window, 'Files'))
    check_view('Files', window)
    tap(all(a in actions(find(window, 'check box')) for a in ['check.toggle']),
        'the check box exposes check.toggle')
    tap('menu.popup' in actions(find(window, 'combo box', 'Purpose')), 'the purpose drop-down exposes menu.popup')
    tap('menu.popup' in actions(find(window, 'push button', 'Main Menu',
                                     pred=lambda a: 'click' not in actions(a))),
        'the main menu button exposes menu.popup')

    # Select two rows with their actions: the action bar appears
    do_action(rows[0], 'row.toggle')
    do_action(rows[1], 'row.toggle')
    delete = wait_for('the Delete button', lambda: find(window, 'push button', 'Delete…'))
    tap(find(window, 'label', '2 selected', visible=True) is not None
        or any('2 selected' in (a.name or '') for a, _ in shown(window)),
        'row.toggle selected two rows')
    check_view('Files with a selection', window)

    # The confirmation
    do_action(delete, 'click')
    dialog = wait_for('the confirmation', lambda: next((w for w in frames(app) if w.name and w.name.startswith('Delete 2 Files')), None))
    check_view('Delete confirmation', dialog)
    do_action(find(dialog, 'push button', 'Cancel'), 'click')
    wait_for('the confirmation to close', lambda: all(not (w.name or '').startswith('Delete 2') for w in frames(app)))

    # The column headers sort, and offer the Columns menu
    header_row = find(find(window, 'tree table', 'Files'), 'table row', 'Column headers')
    headers = list(children(header_row))
    names = sorted(h.name for h in headers)
    tap(names == sorted(['Filename', 'ID', 'Purpose', 'Size', 'Created', 'Expires', 'In Stores', 'Used By'])
        and all('sort.ascending' in actions(h) and 'sort.descending' in actions(h) for h in headers),
        'every column header of Files is named by its title and sorts', ['%r: %s' % (h.name, actions(h)) for h in headers])
    do_action(next(h for h in headers if h.name == 'Filename'), 'sort.descending')
    down = settled_names(window, 'Files')
    do_action(next(h for h in headers if h.name == 'Filename'), 'sort.ascending')
    up = settled_names(window, 'Files')
    tap(down == sorted(down, key=str.casefold, reverse=True) and up == sorted(up, key=str.casefold)
        and up[0].casefold() < down[0].casefold(),
        'sort.descending, then sort.ascending sort the rows by filename (%r, then %r)' % (down[0], up[0]))

    # The main menu, opened with its action
    do_action(find(window, 'push button', 'Main Menu', pred=lambda a: 'menu.popup' in actions(a)), 'menu.popup')
    menu = wait_for('the main menu', lambda: find(window, 'menu item', 'Preferences') or find(app, 'menu item', 'Preferences'))
    check_view('Main menu', menu.parent)
    xdotool('key', 'Escape')

    # A deletion: the results panel and the job bar
    do_action(find(window, 'push button', 'Delete…'), 'click')
    dialog = wait_for('the confirmation', lambda: next((w for w in frames(app) if w.name and w.name.startswith('Delete 2 Files')), None))
    do_action(find(dialog, 'push button', None, pred=lambda a: (a.name or '').startswith('Delete')), 'click')
    panel = wait_for('the results panel', lambda: find(window, None, 'Deletion Results'))
    wait_for('the deletion to end', lambda: find(window, 'label', 'Deleted 2 files'))
    check_view('Files with the results panel', window)

    # Preferences, from the keyboard
    focus_app()
    xdotool('key', '--clearmodifiers', 'ctrl+comma')
    prefs = wait_for('Preferences', lambda: next((w for w in frames(app) if w.name == 'Preferences'), None))
    check_view('Preferences', prefs)
    xdotool('key', 'Escape')
    wait_for('Preferences to close', lambda: all(w.name != 'Preferences' for w in frames(app)))

    # The cleanup rules, from the main menu, and the rule editor
    do_action(find(window, 'push button', 'Main Menu', pred=lambda a: 'menu.popup' in actions(a)), 'menu.popup')
    item = wait_for('the Cleanup Rules item', lambda: find(window, 'menu item', 'Cleanup Rules')
                    or find(app, 'menu item', 'Cleanup Rules'))
    do_action(item, actions(item)[0])
    rules = wait_for('Cleanup Rules', lambda: next((w for w in frames(app) if w.name == 'Cleanup Rules'), None))
    check_view('Cleanup Rules', rules)
    do_action(find(rules, 'push button', 'New Rule'), 'click')
    editor = wait_for('the rule editor', lambda: next((w for w in frames(app) if w.name == 'Cleanup Rule'), None))
    check_view('Rule editor', editor)


if __name__ == '__main__':
    sys.exit(main())
