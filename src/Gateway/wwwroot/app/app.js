// The account-switcher page: several users logged in on this browser (one device), one of them active.
// It speaks the /v1 API only. The device token and each user's tokens live in localStorage (a demo: any script
// running on this origin could read them). The device's event stream is read with fetch(), because the stream
// wants the device token in the Authorization header, which EventSource cannot send.

const DEVICE_KEY = 'orleans-sessions.device';
const TOKENS_KEY = 'orleans-sessions.tokens';
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;
// The gateway sends a heartbeat every 15 seconds; a stream silent for longer than this is dead.
const SILENCE_MS = 40_000;

const $ = (id) => document.getElementById(id);

let device = readStored(DEVICE_KEY);
const tokens = readStored(TOKENS_KEY) ?? {};
let users = [];
let activeUserId = null;

/** An API error: the problem details (RFC 9457) the gateway answered with. */
class ApiError extends Error {
  constructor(status, code, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.code = code;
  }

  static async from(response) {
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      // Not a problem document: the status line says enough.
    }
    return new ApiError(response.status, problem.code ?? null, problem.title ?? `${response.status} ${response.statusText}`, problem.detail);
  }
}

function readStored(key) {
  try {
    return JSON.parse(localStorage.getItem(key));
  } catch {
    return null;
  }
}

function saveTokens() {
  localStorage.setItem(TOKENS_KEY, JSON.stringify(tokens));
}

function forgetTokens(userId) {
  if (userId in tokens) {
    delete tokens[userId];
    saveTokens();
  }
}

async function call(method, path, { token, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  if (!response.ok) throw await ApiError.from(response);
  return response.status === 200 || response.status === 201 ? response.json() : null;
}

function deviceCall(method, path, body) {
  return call(method, `/v1/devices/${encodeURIComponent(device.deviceId)}${path}`, { token: device.deviceToken, body });
}

/** A user route with the user's access token, refreshed once with its refresh token when it has expired. */
async function userCall(userId, method, path) {
  const held = tokens[userId];
  if (!held) return null;
  try {
    return await call(method, path, { token: held.accessToken });
  } catch (error) {
    if (error.code !== 'token-expired') throw error;
  }
  const refreshed = await call('POST', '/v1/auth/session', { token: held.refreshToken });
  tokens[userId] = { ...held, accessToken: refreshed.accessToken, refreshToken: refreshed.refreshToken ?? held.refreshToken };
  saveTokens();
  return call(method, path, { token: refreshed.accessToken });
}

// ---- messages ----------------------------------------------------------------------------------------------

function say(text, kind = 'info') {
  const message = $('message');
  message.textContent = text;
  message.dataset.kind = kind;
  message.hidden = false;
}

function sayError(error) {
  const code = error.code ? ` (${error.code})` : '';
  say(`${error.message}${code}`, 'error');
}

function nameOf(user) {
  return user.email ?? `Anonymous user ${user.userId.slice(0, 8)}`;
}

// ---- the device and its users ------------------------------------------------------------------------------

async function registerDevice() {
  device = await call('POST', '/v1/devices', { body: { name: `Browser (${navigator.platform || 'unknown'})` } });
  localStorage.setItem(DEVICE_KEY, JSON.stringify(device));
  for (const userId of Object.keys(tokens)) delete tokens[userId];
  saveTokens();
}

/** Lists the users with the stored device, or with a new one when there is none or the gateway no longer knows it. */
async function connectDevice() {
  if (!device) await registerDevice();
  try {
    await relist();
  } catch (error) {
    if (error.code !== 'invalid-device-token') throw error;
    await registerDevice();
    say('The gateway did not know this browser\'s device any more, so it registered a new one.');
    await relist();
  }
  $('device-id').textContent = device.deviceId;
}

let listing = null;
let listAgain = false;

/** Lists the users again; calls made while a listing runs are answered by one more listing after it. */
function relist() {
  if (listing) {
    listAgain = true;
    return listing;
  }
  listing = (async () => {
    do {
      listAgain = false;
      await listUsers();
    } while (listAgain);
  })().finally(() => {
    listing = null;
  });
  return listing;
}

async function listUsers() {
  const asked = Date.now();
  const list = await deviceCall('GET', '/users');
  users = list.users;
  activeUserId = list.activeUserId;
  // A session that has ended took its tokens with it; tokens of a login newer than the question are kept.
  for (const [userId, held] of Object.entries(tokens)) {
    const user = users.find((u) => u.userId === userId);
    if ((!user || user.state === 'loggedOut') && held.storedAt < asked) forgetTokens(userId);
  }
  renderUsers();
  await showProfile();
}

function renderUsers() {
  const list = $('users');
  list.replaceChildren(...users.map(renderUser));
  $('no-users').hidden = users.length > 0;
}

const BADGES = { active: 'Active', inactive: 'Inactive', loggedOut: 'Logged out' };

function renderUser(user) {
  const item = document.createElement('li');
  item.className = 'user';
  item.dataset.userId = user.userId;
  item.dataset.state = user.state;
  if (user.email) item.dataset.email = user.email;

  const who = document.createElement('div');
  who.className = 'who';
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = nameOf(user);
  const details = document.createElement('span');
  details.className = 'details';
  details.textContent = `${user.providerType} · last active ${new Date(user.lastActiveAt).toLocaleString()}`;
  who.append(name, details);

  const badge = document.createElement('span');
  badge.className = `badge badge-${user.state}`;
  badge.textContent = BADGES[user.state] ?? user.state;

  const actions = document.createElement('div');
  actions.className = 'actions';
  if (user.state === 'inactive') actions.append(button('switch', 'Switch to', user, () => switchTo(user)));
  if (user.state === 'loggedOut' && user.email) actions.append(button('login-again', 'Log in again', user, () => prepareLogin(user)));
  if (user.state !== 'loggedOut') actions.append(button('logout', 'Log out', user, () => logOut(user), 'secondary'));
  actions.append(button('remove', 'Remove', user, () => remove(user), 'danger'));

  item.append(who, badge, actions);
  return item;
}

function button(action, label, user, onClick, kind) {
  const element = document.createElement('button');
  element.type = 'button';
  element.dataset.action = action;
  element.textContent = label;
  element.setAttribute('aria-label', `${label} ${nameOf(user)}`);
  if (kind) element.classList.add(kind);
  element.addEventListener('click', () => act(element, onClick));
  return element;
}

/** Runs a user's action with its button disabled, and shows what went wrong. */
async function act(element, action) {
  element.disabled = true;
  try {
    await action();
  } catch (error) {
    sayError(error);
    await relist().catch(() => {});
  } finally {
    element.disabled = false;
  }
}

async function switchTo(user) {
  const switched = await deviceCall('PUT', '/active-user', { userId: user.userId });
  const held = tokens[user.userId];
  if (held) {
    held.accessToken = switched.accessToken;
    saveTokens();
  }
  say(`Switched to ${nameOf(user)}.`);
  await relist();
}

async function logOut(user) {
  await deviceCall('POST', `/users/${encodeURIComponent(user.userId)}/logout`);
  forgetTokens(user.userId);
  say(`Logged ${nameOf(user)} out.`);
  await relist();
}

async function remove(user) {
  await deviceCall('DELETE', `/users/${encodeURIComponent(user.userId)}`);
  forgetTokens(user.userId);
  say(`Removed ${nameOf(user)} from this device.`);
  await relist();
}

function prepareLogin(user) {
  $('login-email').value = user.email;
  $('login-password').value = '';
  $('login-password').focus();
}

// ---- the active user's profile -----------------------------------------------------------------------------

async function showProfile() {
  const active = users.find((u) => u.userId === activeUserId);
  let profile = null;
  if (active) {
    try {
      profile = await userCall(active.userId, 'GET', '/v1/auth/profile');
    } catch (error) {
      if (!['session-revoked', 'invalid-session', 'invalid-token'].includes(error.code)) throw error;
      forgetTokens(active.userId);
    }
  }

  $('no-profile').hidden = profile !== null;
  $('no-profile').textContent = active
    ? `${nameOf(active)} is active, but this browser holds no token of theirs: log them in again.`
    : 'No user is active: log one in, or switch to one.';
  $('profile').hidden = profile === null;
  if (!profile) return;
  $('profile-email').textContent = profile.email ?? 'none (anonymous)';
  $('profile-user-id').textContent = profile.userId;
  $('profile-status').textContent = profile.status;
  $('profile-identities').textContent = profile.identities.map((i) => i.providerType).join(', ');
  $('profile-created').textContent = new Date(profile.createdAt).toLocaleString();
  $('profile-custom-data').textContent = JSON.stringify(profile.customData, null, 2);
}

// ---- forms -------------------------------------------------------------------------------------------------

/** Handles a form's submission with its fields disabled meanwhile, so what is typed during it is not lost to the reset. */
function onSubmit(form, action) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const controls = [...form.elements];
    for (const control of controls) control.disabled = true;
    try {
      await action(data);
      form.reset();
    } catch (error) {
      sayError(error);
    } finally {
      for (const control of controls) control.disabled = false;
    }
  });
}

async function logIn(credentials) {
  const login = await deviceCall('POST', '/login', credentials);
  tokens[login.userId] = { accessToken: login.accessToken, refreshToken: login.refreshToken, storedAt: Date.now() };
  saveTokens();
  await relist();
  const user = users.find((u) => u.userId === login.userId);
  say(`Logged in ${user ? nameOf(user) : login.userId}; it is the active user now.`);
}

onSubmit($('login-form'), (data) =>
  logIn({ provider: 'local-userpass', email: data.get('email'), password: data.get('password') }));

onSubmit($('anonymous-form'), () => logIn({ provider: 'anon-user' }));

onSubmit($('register-form'), async (data) => {
  const email = data.get('email');
  const registered = await call('POST', '/v1/auth/providers/local-userpass/register', {
    body: { email, password: data.get('password') },
  });
  $('login-email').value = email;
  say(registered.status === 'pending'
    ? `Registered ${email}: confirm it from the email sent to it, then log in.`
    : `Registered ${email}: log in with it now.`);
});

$('forget-device').addEventListener('click', () => {
  localStorage.removeItem(DEVICE_KEY);
  localStorage.removeItem(TOKENS_KEY);
  location.reload();
});

// ---- the device's event stream -----------------------------------------------------------------------------

function setConnection(state, text) {
  const connection = $('connection');
  connection.dataset.state = state;
  connection.textContent = text;
}

/** The events of a text/event-stream body, as { type, data }. */
async function* serverSentEvents(body, onChunk) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    onChunk();
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') type = text;
        else if (field === 'data') data.push(text);
      }
      yield { type, data: data.join('\n') };
    }
  }
}

const REASONS = {
  revoked: 'an administrator ended its sessions',
  disabled: 'an administrator disabled it',
  deleted: 'it was deleted',
  'session-ended': 'its session ended',
};

/**
 * Every change lists the users again: the list is the truth, and listing on every event also covers the events
 * a reconnection missed (the stream opens with "ready", which lists too).
 */
async function onEvent(event) {
  if (event.type === 'heartbeat') return;
  if (event.type === 'ready') setConnection('live', 'Live');
  const data = event.data ? JSON.parse(event.data) : {};
  const user = users.find((u) => u.userId === data.userId);
  await relist();
  if (event.type === 'user-logged-out' && user && REASONS[data.reason]) {
    say(`${nameOf(user)} was logged out: ${REASONS[data.reason]}.`, 'warning');
  }
}

async function followEvents() {
  let retry = RETRY_MIN_MS;
  for (;;) {
    const abort = new AbortController();
    let silence = setTimeout(() => abort.abort(), SILENCE_MS);
    const heard = () => {
      clearTimeout(silence);
      silence = setTimeout(() => abort.abort(), SILENCE_MS);
    };
    try {
      const response = await fetch(`/v1/devices/${encodeURIComponent(device.deviceId)}/events`, {
        headers: { Authorization: `Bearer ${device.deviceToken}`, Accept: 'text/event-stream' },
        cache: 'no-store',
        signal: abort.signal,
      });
      if (!response.ok) throw await ApiError.from(response);
      for await (const event of serverSentEvents(response.body, heard)) {
        retry = RETRY_MIN_MS;
        await onEvent(event).catch(sayError);
      }
    } catch (error) {
      if (error.code === 'invalid-device-token') await connectDevice().catch(sayError);
    } finally {
      clearTimeout(silence);
    }
    setConnection('reconnecting', 'Reconnecting…');
    await new Promise((resolve) => setTimeout(resolve, retry));
    retry = Math.min(retry * 2, RETRY_MAX_MS);
  }
}

try {
  await connectDevice();
  followEvents();
} catch (error) {
  setConnection('offline', 'Offline');
  sayError(error);
}
