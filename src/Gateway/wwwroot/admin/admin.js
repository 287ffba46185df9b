// The admin console: the seed's workflow (Users, a status tab, find a user, its "…" menu: confirm, disable or
// enable, revoke all sessions, delete) over the admin routes of ADMIN.md and API.md. The admin key lives in this
// tab's sessionStorage only and goes as the bearer of every request. The counts and the rows shown are polled, so
// changes made elsewhere show without a reload.

const KEY = 'orleans-sessions.admin-key';
const POLL_MS = 2_000;
const PAGE = 50;

const $ = (id) => document.getElementById(id);
const view = { status: '', q: '', shown: 0, cursor: null, userId: null };
let pollTimer = null;

class ApiError extends Error {
  constructor(title, detail, code) {
    super(detail ? `${title}: ${detail}` : title);
    this.title = title;
    this.detail = detail;
    this.code = code;
  }
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${sessionStorage.getItem(KEY)}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body, cache: 'no-store' });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new ApiError(problem.title ?? `${response.status} ${response.statusText}`, problem.detail, problem.code);
  }
  return response.status === 200 ? response.json() : null;
}

function showProblem(error) {
  const alert = $('alert');
  alert.replaceChildren();
  const title = document.createElement('strong');
  title.textContent = error.title ?? 'Something went wrong';
  alert.append(title, document.createTextNode(error.detail ? ` ${error.detail}` : ` ${error.message}`));
  alert.dataset.shown = 'true';
}

function clearProblem() {
  $('alert').replaceChildren();
  delete $('alert').dataset.shown;
}

/** Runs an action, showing its problem, if any, in the alert area. */
async function attempt(action) {
  try {
    await action();
    return true;
  } catch (error) {
    showProblem(error);
    return false;
  }
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function when(iso) {
  return iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—';
}

function nameOf(user) {
  if (user.email) return user.email;
  return user.providerTypes.includes('anon-user') ? 'Anonymous' : user.userId;
}

function labelOf(user) {
  return user.email ?? user.userId;
}

// ---- signing in ---------------------------------------------------------------------------------------------

async function signIn(key) {
  sessionStorage.setItem(KEY, key);
  const signedIn = await attempt(() => api('GET', '/v1/admin/stats'));
  if (!signedIn) {
    sessionStorage.removeItem(KEY);
    $('admin-key').select();
    return;
  }
  clearProblem();
  $('admin-key').value = '';
  await enterConsole();
}

async function enterConsole() {
  $('sign-in').hidden = true;
  $('console').hidden = false;
  $('sign-out').hidden = false;
  await showList();
  pollTimer = setInterval(poll, POLL_MS);
}

function signOut() {
  sessionStorage.removeItem(KEY);
  clearInterval(pollTimer);
  $('console').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('users').replaceChildren();
  $('admin-key').focus();
}

// ---- the list -----------------------------------------------------------------------------------------------

function listPath(limit, cursor) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (view.status) query.set('status', view.status);
  if (view.q) query.set('q', view.q);
  if (cursor) query.set('cursor', cursor);
  return `/v1/admin/users?${query}`;
}

async function showCounts() {
  const stats = await api('GET', '/v1/admin/stats');
  const { confirmed, pending, disabled } = stats.users;
  $('count-all').textContent = confirmed + pending + disabled;
  for (const status of ['confirmed', 'pending', 'disabled']) $(`count-${status}`).textContent = stats.users[status];
  $('totals').textContent = `Live sessions: ${stats.liveSessions} · Devices: ${stats.devices} · Anonymous users: ${stats.anonymousUsers} · Server users: ${stats.serverUsers}`;
}

const menuOpen = () => document.querySelector('[role="menu"]:not([hidden])') !== null;

/**
 * Loads the first page again, as many rows as are shown (so polling keeps what Load more added); not while a menu
 * is open, which the new rows would close (the next poll catches up).
 */
async function refreshList() {
  const page = await api('GET', listPath(Math.min(Math.max(view.shown, PAGE), 200)));
  if (menuOpen()) return;
  renderRows(page.users, false);
  view.cursor = page.nextCursor;
  $('load-more').hidden = !view.cursor;
}

async function loadMore() {
  const page = await api('GET', listPath(PAGE, view.cursor));
  renderRows(page.users, true);
  view.cursor = page.nextCursor;
  $('load-more').hidden = !view.cursor;
}

async function showList() {
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const selected = tab.dataset.status === view.status;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
  view.shown = 0;
  await attempt(async () => {
    await Promise.all([showCounts(), refreshList()]);
  });
}

async function poll() {
  if ($('console').hidden || menuOpen() || $('confirm').open) return;
  try {
    await showCounts();
    if (!$('users-view').hidden) await refreshList();
    else if (view.userId) await showDetail(view.userId, false);
  } catch {
    // A failed poll is tried again at the next one; an action's problem is what the alert area shows.
  }
}

function renderRows(users, append) {
  const body = $('users');
  const focused = document.activeElement?.dataset?.focusKey;
  if (!append) body.replaceChildren();
  for (const user of users) body.append(row(user));
  view.shown = body.children.length;
  $('no-users').hidden = view.shown > 0;
  if (focused) document.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus();
}

function row(user) {
  const tr = el('tr');
  tr.dataset.userId = user.userId;
  tr.dataset.status = user.status;
  const open = el('button', nameOf(user), 'link');
  open.type = 'button';
  open.dataset.focusKey = `open-${user.userId}`;
  open.addEventListener('click', () => attempt(() => showDetail(user.userId, true)));
  const first = el('td');
  first.append(open);
  const status = el('td');
  status.append(el('span', user.status, `badge ${user.status}`));
  tr.append(first, el('td', user.userId, 'mono'), el('td', user.providerTypes.join(', ')), status,
    el('td', when(user.createdAt)), el('td', when(user.lastLoginAt)), actionsCell(user));
  return tr;
}

// ---- the "…" menu of a row -----------------------------------------------------------------------------------

function actionsCell(user) {
  const cell = el('td', null, 'actions');
  const trigger = el('button', '…', 'icon');
  trigger.type = 'button';
  trigger.setAttribute('aria-label', `Actions for ${labelOf(user)}`);
  trigger.setAttribute('aria-haspopup', 'menu');
  trigger.setAttribute('aria-expanded', 'false');
  trigger.dataset.focusKey = `actions-${user.userId}`;
  const menu = el('ul', null, 'menu');
  menu.setAttribute('role', 'menu');
  menu.setAttribute('aria-label', `Actions for ${labelOf(user)}`);
  menu.hidden = true;
  for (const [label, run] of actionsFor(user)) {
    const item = el('li', label);
    item.setAttribute('role', 'menuitem');
    item.tabIndex = -1;
    item.addEventListener('click', () => { closeMenu(menu, trigger); attempt(run); });
    menu.append(item);
  }
  trigger.addEventListener('click', () => (menu.hidden ? openMenu(menu, trigger) : closeMenu(menu, trigger)));
  menu.addEventListener('keydown', (event) => menuKeys(event, menu, trigger));
  menu.addEventListener('focusout', (event) => { if (!menu.contains(event.relatedTarget) && event.relatedTarget !== trigger) closeMenu(menu, trigger, false); });
  cell.append(trigger, menu);
  return cell;
}

function actionsFor(user) {
  const path = `/v1/admin/users/${user.userId}`;
  const name = labelOf(user);
  const done = () => Promise.all([showCounts(), refreshList()]);
  const actions = [];
  if (user.status === 'pending') actions.push(['Confirm User', async () => { await api('POST', `${path}/confirm`); await done(); }]);
  if (user.status === 'confirmed') {
    actions.push(['Disable User', () => confirmThen('Disable', `Disable ${name}?`,
      'Every session of the user ends, and it cannot log in until enabled.', async () => { await api('POST', `${path}/disable`); await done(); })]);
  }
  if (user.status === 'disabled') actions.push(['Enable User', async () => { await api('POST', `${path}/enable`); await done(); }]);
  actions.push(['Revoke All Sessions', async () => { await api('POST', `${path}/revoke-sessions`); await done(); }]);
  actions.push(['Delete User', () => confirmThen('Delete', `Delete ${name}?`,
    'The user, its sessions and its custom data are gone for good; its devices drop it.', async () => { await api('DELETE', path); await done(); })]);
  return actions;
}

function openMenu(menu, trigger) {
  for (const other of document.querySelectorAll('[role="menu"]:not([hidden])')) other.hidden = true;
  menu.hidden = false;
  trigger.setAttribute('aria-expanded', 'true');
  menu.querySelector('[role="menuitem"]').focus();
}

function closeMenu(menu, trigger, refocus = true) {
  menu.hidden = true;
  trigger.setAttribute('aria-expanded', 'false');
  if (refocus) trigger.focus();
}

function menuKeys(event, menu, trigger) {
  const items = [...menu.querySelectorAll('[role="menuitem"]')];
  const at = items.indexOf(document.activeElement);
  const moves = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 };
  if (event.key in moves) {
    items[(moves[event.key] + items.length) % items.length].focus();
  } else if (event.key === 'Enter' || event.key === ' ') {
    document.activeElement.click();
  } else if (event.key === 'Escape' || event.key === 'Tab') {
    closeMenu(menu, trigger, event.key === 'Escape');
    if (event.key === 'Tab') return;
  } else {
    return;
  }
  event.preventDefault();
}

/** Asks in a dialog first; runs <action> only on the confirming button. */
function confirmThen(verb, title, text, action) {
  const dialog = $('confirm');
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-button').textContent = verb;
  const returnTo = document.activeElement;
  return new Promise((resolve, reject) => {
    dialog.addEventListener('close', () => {
      returnTo?.focus();
      if (dialog.returnValue === 'confirm') action().then(resolve, reject);
      else resolve();
    }, { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    $('confirm-button').focus();
  });
}

// ---- a user's details ----------------------------------------------------------------------------------------

async function showDetail(userId, focus) {
  const path = `/v1/admin/users/${userId}`;
  const [user, events] = await Promise.all([api('GET', path), api('GET', `${path}/events`)]);
  const devices = await Promise.all(user.deviceIds.map((id) => api('GET', `/v1/admin/devices/${id}`)));
  view.userId = userId;
  $('users-view').hidden = true;
  $('detail').hidden = false;
  $('detail-heading').textContent = user.email ?? (user.identities.some((i) => i.providerType === 'anon-user') ? 'Anonymous' : user.userId);
  facts($('metadata'), [['User id', user.userId], ['Status', user.status], ['Email', user.email ?? '—'], ['Created', when(user.createdAt)]]);
  $('identities').replaceChildren(...user.identities.map((i) => el('li', `${i.providerType}: ${i.id}`)));
  if (document.activeElement !== $('custom-data')) $('custom-data').value = JSON.stringify(user.customData, null, 2);
  $('sessions').replaceChildren(...user.sessions.map((s) => sessionItem(userId, s)));
  if (!user.sessions.length) $('sessions').append(el('li', 'No live session.', 'quiet'));
  $('devices').replaceChildren(...devices.map(deviceItem));
  if (!devices.length) $('devices').append(el('li', 'On no device.', 'quiet'));
  $('audit').replaceChildren(...events.events.map((e) =>
    el('li', `${when(e.at)} · ${e.action} · ${e.outcome} · by ${e.actor}${e.deviceId ? ` · device ${e.deviceId}` : ''}`)));
  if (focus) $('detail-heading').focus();
}

function facts(list, pairs) {
  list.replaceChildren(...pairs.flatMap(([term, value]) => [el('dt', term), el('dd', value)]));
}

function sessionItem(userId, session) {
  const item = el('li', `${session.deviceName ?? session.deviceId} · created ${when(session.createdAt)} · last used ${when(session.lastUsedAt)} `);
  const end = el('button', 'End session', 'secondary');
  end.type = 'button';
  end.addEventListener('click', () => attempt(async () => {
    await api('DELETE', `/v1/admin/users/${userId}/sessions/${session.sessionId}`);
    await showDetail(userId, false);
  }));
  item.append(end);
  return item;
}

function deviceItem(device) {
  const item = el('li');
  item.append(el('strong', device.name ?? device.deviceId), el('span', ` (${device.deviceId})`, 'mono'));
  const users = el('ul');
  users.replaceChildren(...device.users.map((u) => el('li', `${u.email ?? u.userId}: ${u.state}`)));
  item.append(users);
  return item;
}

async function saveCustomData(event) {
  event.preventDefault();
  await attempt(async () => {
    await api('PUT', `/v1/admin/users/${view.userId}/custom-data`, $('custom-data').value);
    clearProblem();
    await showDetail(view.userId, false);
  });
}

function backToList() {
  view.userId = null;
  $('detail').hidden = true;
  $('users-view').hidden = false;
  attempt(refreshList);
  $('nav-users').focus();
}

// ---- wiring --------------------------------------------------------------------------------------------------

function tabKeys(event) {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const at = tabs.indexOf(event.target);
  const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  const tab = tabs[(next + tabs.length) % tabs.length];
  tab.focus();
  tab.click();
}

let searchTimer = null;
$('sign-in-form').addEventListener('submit', (event) => { event.preventDefault(); signIn($('admin-key').value); });
$('sign-out').addEventListener('click', signOut);
$('load-more').addEventListener('click', () => attempt(loadMore));
$('back').addEventListener('click', backToList);
$('nav-users').addEventListener('click', (event) => { event.preventDefault(); if (view.userId) backToList(); });
$('custom-data-form').addEventListener('submit', saveCustomData);
$('detail-heading').tabIndex = -1;
for (const tab of document.querySelectorAll('[role="tab"]')) {
  tab.addEventListener('click', () => { view.status = tab.dataset.status; showList(); });
  tab.addEventListener('keydown', tabKeys);
}
$('search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => { view.q = $('search').value.trim(); showList(); }, 250);
});
if (sessionStorage.getItem(KEY)) enterConsole();
