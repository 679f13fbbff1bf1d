#!/usr/bin/python3
# test-a11y-dialogs.py: the secondary windows of Storekeeper as a screen
# reader and a keyboard user meet them, through AT-SPI (TAP).
#
# Starts `storekeeper --demo` with the accessibility bridge on (with
# settings and a deletion history of its own: one stored account, no
# deletion), opens the empty History, deletes two files, then opens with the
# keyboard alone, as a user would: the Deletion History (Ctrl+H; Return
# opens a deletion, Alt+V verifies it, Alt+Left goes back), the keyboard
# shortcuts (Ctrl+?), Preferences (Ctrl+,), its account form (Tab to
# Accounts, Add…; Azure OpenAI chosen from the keyboard) and the stored
# account's Edit form and Remove confirmation, the Set Expiry dialog
# (Alt+2, Ctrl+A, Alt+E), the Cleanup Rules (F10, the menu) and the rule
# editor. In each it checks that every control shown is named, has a role
# and an action (test-a11y.py's rules), that icon buttons have tooltips,
# that the focus lands somewhere useful, that Tab goes through the controls
# in the order they are shown, that form fields are named by their row
# titles (and described by their subtitles), that rows are announced with
# their content, that Return in a field saves, and that Escape closes the
# window. GTK's own search button, search entry and menu of sections in
# the shortcuts window are named by Storekeeper.
#
# Run by `meson test` under dbus-run-session and Xvfb (see tests/meson.build);
# needs python3-pyatspi, at-spi2-core and xdotool.

import importlib.util
import os
import shutil
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree

import pyatspi

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location('a11y', os.path.join(HERE, 'test-a11y.py'))
a11y = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(a11y)

find, shown, children, actions, do_action, state = (a11y.find, a11y.shown, a11y.children, a11y.actions,
                                                       a11y.do_action, a11y.state)
tap, check_view, wait_for, frames, xdotool = a11y.tap, a11y.check_view, a11y.wait_for, a11y.frames, a11y.xdotool

# The AT-SPI roles a user fills in or changes
FIELDS = {'text', 'password text', 'combo box', 'spin button', 'check box', 'toggle button'}


def check_tooltips(what, root):
    """Every button shown that is an icon alone (no label inside) has a
    tooltip, which GTK gives assistive technologies as its description"""
    bare = []
    for acc, path in shown(root):
        if acc.getRoleName() not in ('push button', 'toggle button'):
            continue
        if any(node.getRoleName() == 'label' for node, _ in a11y.all_nodes(acc)):
            continue
        if not (acc.description or '').strip():
            bare.append('%s [%s]' % (path, acc.getRoleName()))
    tap(not bare, what + ': every icon button has a tooltip', bare)


def window_named(app, name, prefix=False):
    def match(w):
        return (w.name or '').startswith(name) if prefix else w.name == name
    return wait_for('the window "%s"' % name, lambda: next((w for w in frames(app) if match(w)), None))


def wait_closed(app, name, timeout=10):
    try:
        wait_for('"%s" to close' % name, lambda: all(w.name != name for w in frames(app)), timeout)
        return True
    except AssertionError:
        return False


def key(*keys):
    for k in keys:
        xdotool('key', '--clearmodifiers', k)
        time.sleep(0.4)


def focused(root):
    """The object under @root that AT-SPI reports focused, or None"""
    for acc, _ in shown(root):
        if state(acc, pyatspi.STATE_FOCUSED):
            return acc
    return None


def text_of(acc):
    ti = acc.queryText()
    return ti.getText(0, ti.characterCount)


def text_fields(root):
    return [acc for acc, _ in shown(root) if acc.getRoleName() in ('text', 'password text')]


def focus_stop(root):
    """What has the keyboard focus, as "role:name". GTK 4.8 does not report
    the focus inside an AdwEntryRow: a letter is typed and the field that
    got it is the one focused (the letter is taken out again)."""
    acc = focused(root)
    if acc is not None:
        return '%s:%s' % (acc.getRoleName(), acc.name)
    fields = text_fields(root)
    before = [text_of(f) for f in fields]
    xdotool('type', 'q')
    time.sleep(0.4)
    for field, text in zip(fields, before):
        if text_of(field) != text:
            xdotool('key', 'BackSpace')
            time.sleep(0.3)
            return '%s:%s' % (field.getRoleName(), field.name)
    return None


def settled_focus(root, expected, timeout=5):
    """@expected once the focus is there (a window takes it a moment after
    it shows), else where the focus is"""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        acc = focused(root)
        if acc is not None and '%s:%s' % (acc.getRoleName(), acc.name) == expected:
            return expected
        time.sleep(0.2)
    return focus_stop(root)


def tab_stops(root, n):
    """The focus stops of @n presses of Tab"""
    stops = []
    for _ in range(n):
        key('Tab')
        stops.append(focus_stop(root))
    return stops


def labelled_by(acc):
    """The names of the objects @acc is labelled by"""
    names = []
    for relation in acc.getRelationSet():
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            names += [relation.getTarget(i).name for i in range(relation.getNTargets())]
    return names


def focus_window(name):
    out = a11y.subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', '^%s$' % name],
                              capture_output=True, text=True).stdout.split()
    if out:
        xdotool('windowfocus', '--sync', out[0])


def main():
    pyatspi.Registry.getDesktop(0)
    # a history of its own: the deletion this test makes, alone; settings
    # of its own, with one stored account to edit
    data_home = tempfile.mkdtemp(prefix='sk-a11y-')
    os.environ['XDG_DATA_HOME'] = os.path.join(data_home, 'data')
    os.environ['XDG_CONFIG_HOME'] = os.path.join(data_home, 'config')
    os.environ['GSETTINGS_BACKEND'] = 'keyfile'
    os.makedirs(os.path.join(data_home, 'config', 'glib-2.0', 'settings'))
    with open(os.path.join(data_home, 'config', 'glib-2.0', 'settings', 'keyfile'), 'w') as keyfile:
        keyfile.write('[io/github/storekeeper/Storekeeper]\n'
                      "accounts=[('%s', 'openai', '', 'org-a11y', '', '')]\n" % STORED)
    app_proc = a11y.launch('--demo')
    try:
        run()
    except Exception as e:   # an AssertionError, or the application gone
        tap(False, str(e))
    finally:
        a11y.stop(app_proc)
        shutil.rmtree(data_home, ignore_errors=True)
    print('1..%d' % a11y.n_tests)
    return 1 if a11y.failed else 0


def close_others(app):
    """Closes with Escape the windows left open by a step that failed"""
    for _ in range(3):
        try:
            names = [w.name for w in frames(app) if w.name != 'Storekeeper']
        except Exception:   # a window went away while asked
            continue
        for name in names:
            focus_window(name)
            key('Escape')


def delete_two_files(app, window):
    """Deletes the first two files: the History then has a job. Returns
    their names."""
    do_action(find(window, 'page tab', 'Files'), 'click')
    rows = wait_for('the files', lambda: a11y.rows_of(window, 'Files'))
    names = [rows[0].name, rows[1].name]
    do_action(rows[0], 'row.toggle')
    do_action(rows[1], 'row.toggle')
    do_action(wait_for('the Delete button', lambda: find(window, 'push button', 'Delete…')), 'click')
    dialog = window_named(app, 'Delete 2 Files', prefix=True)
    do_action(find(dialog, 'push button', None, pred=lambda a: (a.name or '').startswith('Delete')), 'click')
    wait_for('the deletion to end', lambda: find(window, 'label', 'Deleted 2 files'))
    do_action(find(window, 'push button', 'Close Results'), 'click')
    return names


def run():
    app = wait_for('the application on the accessibility bus', a11y.application)
    window = wait_for('the main window', lambda: a11y.main_window(app))
    wait_for('the overview', lambda: find(window, 'page tab', 'Files'))

    try:
        run_empty_history(app)
    except AssertionError as e:
        tap(False, 'History without deletions: %s' % e)
        close_others(app)
    deleted = delete_two_files(app, window)
    # one window failing does not keep the others from being walked
    for what, step in (('History', lambda: run_history(app, deleted)),
                       ('Keyboard Shortcuts', lambda: run_shortcuts(app)),
                       ('Preferences', lambda: run_preferences(app)),
                       ('account form', lambda: run_account_form(app)),
                       ('Set Expiry', lambda: run_expiry(app, window)),
                       ('Cleanup Rules', lambda: run_rules(app, window))):
        try:
            step()
        except AssertionError as e:
            tap(False, '%s: %s' % (what, e))
            close_others(app)


def run_empty_history(app):
    """Before any deletion, the History says there is none"""
    a11y.focus_app()
    key('ctrl+h')
    history = window_named(app, 'Deletion History')
    empty = wait_for('the empty history', lambda: find(history, 'label', 'No Deletions Yet'))
    tap(empty is not None and find(history, 'list', 'Deletions') is None
        and find(history, 'push button', 'Back') is None,
        'without deletions, the History says "No Deletions Yet", the list and Back reported hidden')
    check_view('Deletion History without deletions', history)
    key('Escape')
    tap(wait_closed(app, 'Deletion History'), 'Escape closes the History without deletions')


def run_history(app, deleted):
    a11y.focus_app()
    key('ctrl+h')
    history = window_named(app, 'Deletion History')
    jobs = wait_for('the deletions', lambda: find(history, 'list', 'Deletions'))
    rows = [r for r in children(jobs) if r.getRoleName() == 'list item']
    check_view('Deletion History', history)
    tap(rows and all(r.name and (r.description or '').strip() for r in rows),
        'every deletion is announced by its date and kind, described by what it did',
        ['%r: %r' % (r.name, r.description) for r in rows])
    newest = rows[0]
    tap('Deleted 2 files' in newest.description and newest.name.endswith('Files'),
        'the newest deletion says "%s", "%s"' % (newest.name, newest.description))
    stop = settled_focus(history, 'list item:' + newest.name)
    tap(stop == 'list item:' + newest.name, 'the focus lands on the newest deletion', [str(stop)])

    # Return opens the deletion, Alt+Left goes back to it
    key('Return')
    wait_for('the deletion', lambda: find(history, 'push button', 'Back'))
    listed = wait_for('its results', lambda: [a for a, _ in shown(find(history, 'list', 'Results'))
                                              if a.getRoleName() == 'list item'])
    results = [next((c.name for c in children(item) if c.name), '') for item in listed]
    tap(sorted(results) == sorted(deleted),
        'Return opened the deletion: its results are the two files (%s)' % ', '.join(results))
    tap(all((item.name or '').startswith(name + ', Deleted') for item, name in zip(listed, results)),
        'each result row is named by its file and what happened to it',
        ['%r, its child named %r' % (item.name, name) for item, name in zip(listed, results)])
    stop = settled_focus(history, 'list item:' + listed[0].name)
    tap(stop == 'list item:' + listed[0].name,
        'the focus lands on the first result, not on Close Results (Back does the same)', [str(stop)])
    tap(find(history, 'push button', 'Retry Failed') is None,
        'Retry Failed, which can never apply to a past deletion, is not shown')
    tap(find(history, 'list', 'Deletions') is None, 'the list of deletions is reported hidden')
    check_view('Deletion History, a deletion open', history)
    check_tooltips('Deletion History, a deletion open', history)
    stops = [focus_stop(history)] + tab_stops(history, len(listed) + 7)
    rows_named = ['list item:%s' % item.name for item in listed]
    tap(stops == rows_named + ['push button:Copy', 'push button:Save Report', 'push button:Back',
                               'push button:Verify Now', 'push button:Close Results', 'entry:Filter results',
                               'push button:Which results to show', rows_named[-1]],
        'Tab goes through the results, then Back and Verify Now, and round to the results', stops)
    # Verify Now, by its mnemonic: the toast that says how it went is named
    key('alt+v')
    toast = wait_for('the verification', lambda: find(history, 'label', None,
                                                        pred=lambda a: (a.name or '').startswith('Verified')))
    check_view('Deletion History, verified ("%s")' % toast.name, history)
    key('Escape')
    try:
        wait_for('the toast to go', lambda: find(history, 'label', toast.name) is None, 3)
        dismissed = True
    except AssertionError:
        dismissed = False
    tap(dismissed and any(w.name == 'Deletion History' for w in frames(app)), 'Escape dismisses the toast first')

    key('alt+Left')
    try:
        wait_for('the deletions, the focus on the one left',
                 lambda: find(history, 'push button', 'Back') is None and focused(history) == newest, 10)
        back = True
    except AssertionError:
        back = False
    tap(back, 'Alt+Left went back to the deletions, the focus on the one left')

    key('Return')
    wait_for('the deletion', lambda: find(history, 'push button', 'Back'))
    key('Escape')
    tap(wait_closed(app, 'Deletion History'), 'Escape closes the History')


def run_shortcuts(app):
    a11y.focus_app()
    key('ctrl+question')
    shortcuts = window_named(app, 'Keyboard Shortcuts')
    wait_for('the shortcuts', lambda: find(shortcuts, 'label', 'Preferences'))
    # GTK's own search entry, search button and section menu, named by
    # their class in GTK 4.8 unless Storekeeper names them
    check_view('Keyboard Shortcuts', shortcuts)
    check_tooltips('Keyboard Shortcuts', shortcuts)
    stop = settled_focus(shortcuts, 'push button:Search Shortcuts')
    tap(stop == 'push button:Search Shortcuts', 'the focus lands on the search button, "Search Shortcuts"', [str(stop)])
    source = os.path.join(os.environ.get('SK_SOURCE_ROOT', os.path.join(HERE, '..')), 'src', 'ui', 'gtk',
                          'help-overlay.ui')
    titles = [p.text for p in ElementTree.parse(source).iter('property') if p.get('name') == 'title']
    labels = {a.name for a, _ in shown(shortcuts) if a.getRoleName() == 'label'}
    missing = [title for title in titles if title not in labels]
    tap(titles and not missing, 'every shortcut and group title is shown (%d)' % len(titles), missing)
    tap(find(shortcuts, 'page tab') is None, 'the shortcuts fit one page: no page tabs to go through')
    # the search button, focused, shows the search entry
    key('space')
    try:
        search = wait_for('the search entry', lambda: find(shortcuts, 'entry', 'Search'), 10)
    except AssertionError:
        search = None
    tap(search is not None, 'the search button shows the search entry, named "Search"')
    check_view('Keyboard Shortcuts, searching', shortcuts)
    key('Escape')
    tap(wait_closed(app, 'Keyboard Shortcuts'), 'Escape closes the shortcuts')


def run_preferences(app):
    """A field of Preferences typed in: its apply button is named"""
    a11y.focus_app()
    key('ctrl+comma')
    prefs = window_named(app, 'Preferences')
    settled_focus(prefs, 'page tab:General')
    stops = []
    while len(stops) < 8 and (not stops or stops[-1] != 'text:Organization ID'):
        stops += tab_stops(prefs, 1)
    tap(stops[-1] == 'text:Organization ID', 'Tab reaches the Organization ID', stops)
    xdotool('type', 'org-typed')
    wait_for('the apply button', lambda: find(prefs, 'push button', None,
                                              pred=lambda a: a.description == 'Apply'))
    check_view('Preferences, an Organization ID typed', prefs)
    check_tooltips('Preferences, an Organization ID typed', prefs)
    key('Escape')
    tap(wait_closed(app, 'Preferences'), 'Escape closes Preferences')


STORED = 'Work'

ACCOUNT_FIELDS = [('text', 'Name'), ('combo box', 'Service'), ('text', 'API Key'),
                  ('text', 'Base URL (empty: api.openai.com)'), ('text', 'Organization ID (optional)'),
                  ('text', 'Project ID (optional)')]


def run_account_form(app):
    a11y.focus_app()
    key('ctrl+comma')
    prefs = window_named(app, 'Preferences')
    stop = settled_focus(prefs, 'page tab:General')
    tap(stop == 'page tab:General', 'the focus lands on the General page tab', [str(stop)])
    key('Tab', 'space')
    add = wait_for('the Accounts page', lambda: find(prefs, 'push button', 'Add…'))
    check_view('Preferences, Accounts', prefs)
    check_tooltips('Preferences, Accounts', prefs)
    key('Tab')
    tap(focused(prefs) == add, 'Tab goes from the Accounts tab to Add…')
    key('Return')
    form = window_named(app, 'Add Account')
    check_view('Account form', form)
    check_tooltips('Account form', form)

    found = []
    for role, name in ACCOUNT_FIELDS:
        acc = find(form, role, name)
        found.append('%s %r: %s' % (role, name, 'missing' if acc is None else 'labelled by %s' % labelled_by(acc)))
    tap(all(f.endswith('labelled by [%r]' % n) for f, (_, n) in zip(found, ACCOUNT_FIELDS)),
        'every field of the account form is labelled by its row title', found)
    tap(find(form, 'list', 'Account') is not None and find(form, 'list', 'Connection') is not None,
        'the two groups of fields are named "Account" and "Connection"')
    tap('menu.popup' in actions(find(form, 'combo box', 'Service')),
        'the Service choice exposes menu.popup')

    tap(focus_stop(form) == 'text:Name', 'the focus lands on the Name field')
    stops = tab_stops(form, len(ACCOUNT_FIELDS) + 3)
    expected = ['%s:%s' % f for f in ACCOUNT_FIELDS[1:3]] + ['push button:Show Text'] + \
        ['%s:%s' % f for f in ACCOUNT_FIELDS[3:]] + ['push button:Cancel', 'push button:Save', 'text:Name']
    tap(stops == expected, 'Tab goes through the fields in order, then Cancel and Save', stops)

    # Return in a field saves; what goes wrong is announced
    key('Return')
    alert = wait_for('the error', lambda: next((a for a, _ in shown(form) if a.getRoleName() == 'alert'), None))
    tap((alert.name or '').strip() != '', 'Return saves; the error is an alert: "%s"' % alert.name)

    # Azure OpenAI, chosen with the keyboard, has fields of its own
    key('Tab', 'space')
    wait_for('the choices of Service', lambda: find(form, 'label', 'Azure OpenAI'))
    key('Down', 'Return')
    endpoint = 'Resource Endpoint'
    try:
        wait_for('the Azure fields', lambda: find(form, 'text', endpoint), 10)
        azure = True
    except AssertionError:
        azure = False
    tap(azure and find(form, 'text', 'API Version (optional)') is not None
        and find(form, 'text', 'Organization ID (optional)') is None,
        'Azure OpenAI, chosen with the keyboard, shows its endpoint and API version, named, '
        'and hides the OpenAI fields')
    described = find(form, 'text', endpoint).description if azure else None
    tap('https://NAME.openai.azure.com' in (described or ''),
        'the endpoint field is described by an example (%r)' % described)
    check_view('Account form for Azure OpenAI', form)
    key('Escape')
    tap(wait_closed(app, 'Add Account'), 'Escape closes the account form')
    focus_window('Preferences')
    run_stored_account(app, prefs, add)
    key('Escape')
    tap(wait_closed(app, 'Preferences'), 'Escape closes Preferences')


def run_stored_account(app, prefs, add):
    """The stored account: its row, its Edit form, its Remove confirmation"""
    row = find(prefs, 'list item', STORED)
    tap(row is not None and (row.description or '').startswith('OpenAI'),
        'the stored account is announced by its name, described by its service (%r)'
        % (row.description if row else None))
    edit, remove = 'Edit “%s”' % STORED, 'Remove “%s”' % STORED
    stop = settled_focus(prefs, 'push button:Add…')
    stops = tab_stops(prefs, 3)
    tap(stop == 'push button:Add…' and stops == ['list item:' + STORED, 'push button:' + edit, 'push button:' + remove],
        'Tab goes from Add… to the account, then its Edit and Remove buttons', [stop] + stops)

    key('shift+Tab', 'Return')
    form = window_named(app, 'Edit Account')
    check_view('Edit account form', form)
    check_tooltips('Edit account form', form)
    name = find(form, 'text', 'Name')
    tap(name is not None and text_of(name) == STORED, 'the Edit form shows the name of the account')
    tap(find(form, 'text', 'New API Key (empty: keep the saved one)') is not None
        and text_of(find(form, 'text', 'Organization ID (optional)')) == 'org-a11y',
        'the Edit form says that an empty key keeps the saved one, and shows the organization')
    key('Escape')
    tap(wait_closed(app, 'Edit Account'), 'Escape closes the Edit form')

    focus_window('Preferences')
    stop = settled_focus(prefs, 'push button:' + edit)
    key('Tab', 'Return')
    confirm = window_named(app, 'Remove “%s”?' % STORED)
    check_view('Remove account confirmation', confirm)
    stop = settled_focus(confirm, 'push button:Cancel')
    tap(stop == 'push button:Cancel', 'the confirmation starts on Cancel', [str(stop)])
    key('Escape')
    tap(wait_closed(app, confirm.name) and find(prefs, 'list item', STORED) is not None,
        'Escape closes the confirmation; the account stays')
    focus_window('Preferences')


def run_expiry(app, window):
    a11y.focus_app()
    key('alt+2')
    wait_for('the vector stores', lambda: a11y.rows_of(window, 'Vector stores'))
    key('ctrl+a')
    wait_for('the selection', lambda: find(window, 'push button', 'Set Expiry…'))
    key('alt+e')
    dialog = window_named(app, 'Expiry of', prefix=True)
    check_view('Set Expiry', dialog)
    stop = settled_focus(dialog, 'check box:Expire after')
    tap(stop == 'check box:Expire after', 'the focus lands on "Expire after"', [str(stop)])
    stops = tab_stops(dialog, 4)
    tap(stops == ['spin button:Days without activity', 'push button:Cancel', 'push button:Apply',
                  'check box:Expire after'],
        'Tab goes to the days, Cancel, Apply', stops)
    key('Escape')
    tap(wait_closed(app, dialog.name), 'Escape closes Set Expiry')
    do_action(find(window, 'push button', 'Select None'), 'click')


RULE_FIELDS = [('text', 'Name'), ('combo box', 'Selects'), ('text', 'Purposes, separated by commas'),
               ('spin button', 'Older than (days)'), ('spin button', 'At least (kB)'),
               ('spin button', 'At most (kB)'), ('text', 'Status'), ('text', 'Name pattern (* and ?)'),
               ('check box', 'Expired'), ('spin button', 'Expiring within (days)'), ('combo box', 'Use'),
               ('spin button', 'Last active before (days)')]


def run_rules(app, window):
    a11y.focus_app()
    key('F10')
    item = None
    for _ in range(6):
        item = focused(window)
        if item is not None and item.name == 'Cleanup Rules':
            break
        key('Down')
    tap(item is not None and item.name == 'Cleanup Rules', 'F10 and the arrows reach Cleanup Rules')
    key('Return')
    rules = window_named(app, 'Cleanup Rules')
    check_view('Cleanup Rules', rules)
    check_tooltips('Cleanup Rules', rules)
    stop = settled_focus(rules, 'push button:New Rule')
    tap(stop == 'push button:New Rule', 'the focus lands on New Rule', [str(stop)])
    listed = find(rules, 'list', 'Cleanup Rules')
    rows = [r for r in children(listed) if r.getRoleName() == 'list item']
    tap(rows and all(r.name for r in rows), 'every rule is announced by its name (%d)' % len(rows))
    tap(rows and all(r.description in ('Files', 'Vector stores') for r in rows),
        'every rule is described by what it selects (Files, Vector stores)',
        ['%r: %r' % (r.name, r.description) for r in rows])
    previews = [a.name for a, _ in shown(listed) if a.getRoleName() == 'push button'
                and (a.name or '').startswith('Preview')]
    tap(previews == ['Preview “%s”' % r.name for r in rows], 'every Preview button names its rule', previews)
    rule_names = [r.name for r in rows]

    # Return in a field of a new rule saves it
    key('Return')
    editor = window_named(app, 'Cleanup Rule')
    stop = focus_stop(editor)
    tap(stop == 'text:Name', 'the focus lands on the Name field of the rule editor', [str(stop)])
    xdotool('type', 'Typed rule')
    time.sleep(0.4)
    key('Return')
    saved = wait_closed(app, 'Cleanup Rule')
    tap(saved and wait_for('the new rule', lambda: find(listed, 'list item', 'Typed rule')) is not None,
        'Return in the Name field saves the rule: the editor closes, the rule is listed')
    focus_window('Cleanup Rules')

    # The editor of a new rule
    key('Return')
    editor = window_named(app, 'Cleanup Rule')
    check_view('Rule editor', editor)
    check_tooltips('Rule editor', editor)
    found = [(role, name) for role, name in RULE_FIELDS if find(editor, role, name) is not None]
    tap(found == RULE_FIELDS, 'every field of the rule editor is named by its row title',
        ['missing: %s %r' % f for f in RULE_FIELDS if f not in found])
    described = ['%r: %r' % (name, find(editor, 'spin button', name).description) for role, name in RULE_FIELDS
                 if role == 'spin button']
    tap(described == ["'Older than (days)': '0: any age'", "'At least (kB)': '0: no minimum'",
                      "'At most (kB)': '0: no maximum'", "'Expiring within (days)': '0: not a criterion'",
                      "'Last active before (days)': 'Vector stores; 0: any'"],
        'every number field is described by the subtitle of its row', described)
    stops = [stop for stop in [focus_stop(editor)] + tab_stops(editor, 2 * len(RULE_FIELDS) + 2)
             if stop is not None and not stop.startswith('list item:')]
    names = [stop.split(':', 1)[1] for stop in stops]
    names = [n for i, n in enumerate(names) if i == 0 or names[i - 1] != n]
    tap(names[:len(RULE_FIELDS)] == [name for _, name in RULE_FIELDS],
        'Tab goes through the fields of the rule editor in order', stops)
    key('Escape')
    tap(wait_closed(app, 'Cleanup Rule'), 'Escape closes the rule editor')

    focus_window('Cleanup Rules')
    stops = tab_stops(rules, 5)
    first = rule_names[0]
    tap(stops == ['list item:' + first, 'push button:Preview “%s”' % first, 'push button:Edit the rule “%s”' % first,
                  'push button:Delete the rule “%s”' % first, 'list item:' + rule_names[1]],
        'Tab goes from New Rule to each rule, then its buttons', stops)
    key('Escape')
    tap(wait_closed(app, 'Cleanup Rules'), 'Escape closes Cleanup Rules')


if __name__ == '__main__':
    sys.exit(main())
