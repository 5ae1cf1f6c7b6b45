// Tributary operations console: polls the admin API (role tributary-admin) and draws tables and SVG charts.
'use strict';

const API = '../../api/admin';
const POLL_MS = 2000;
const HISTORY = 150; // points kept: 5 minutes at one poll every 2 s
const PAGE = 20;

const state = { history: [], previous: null, previousChannels: new Map(), selected: null, offset: 0, more: false, replaySource: null };

function el(id) { return document.getElementById(id); }

async function call(path, body) {
  const init = body === undefined ? { credentials: 'same-origin' }
    : { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(API + path, init);
  const json = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) { throw new Error(json.error || response.status + ' ' + response.statusText); }
  return json;
}

function cell(row, text, numeric) {
  const td = row.insertCell();
  td.textContent = text;
  if (numeric) { td.className = 'num'; }
  return td;
}

function age(ms) {
  if (!ms) { return '-'; }
  const s = Math.round(ms / 1000);
  return s < 120 ? s + ' s' : Math.round(s / 60) + ' min';
}

function rate(stream, field, seconds) {
  const before = state.previous && state.previous.get(stream.stream);
  if (!before || seconds <= 0) { return 0; }
  return Math.max(0, (stream[field] - before[field]) / seconds);
}

function button(label, action) {
  const b = document.createElement('button');
  b.textContent = label;
  b.addEventListener('click', action);
  return b;
}

function renderStreams(overview, seconds) {
  const body = el('streams').tBodies[0];
  body.replaceChildren();
  for (const s of overview.streams) {
    const row = body.insertRow();
    row.dataset.stream = s.stream;
    if (s.stream === state.selected) { row.className = 'selected'; }
    cell(row, s.stream);
    cell(row, s.kind);
    cell(row, s.backlog, true).classList.add('backlog');
    cell(row, s.inFlight, true);
    cell(row, s.consumers, true);
    cell(row, rate(s, 'added', seconds).toFixed(1), true);
    cell(row, rate(s, 'acked', seconds).toFixed(1), true);
    cell(row, (rate(s, 'retried', seconds) + rate(s, 'deadLettered', seconds)).toFixed(1), true);
    cell(row, rate(s, 'deadLettered', seconds).toFixed(1), true);
    cell(row, s.retries, true);
    cell(row, s.deadLetters, true).classList.add('dead-letters');
    cell(row, age(s.oldestAgeMs), true);
    const delivery = cell(row, s.paused ? 'paused ' : 'flowing ');
    delivery.append(button(s.paused ? 'resume' : 'pause', () => act(s.stream, s.paused ? 'resume' : 'pause',
      (s.paused ? 'Resume' : 'Pause') + ' delivery of ' + s.stream + ' to all its consumers?', '')));
    row.insertCell().append(button('dead letters', () => openDeadLetters(s.stream)));
  }
}

function renderChannels(list, seconds) {
  const body = el('channels').tBodies[0];
  body.replaceChildren();
  const perSecond = (c, field) => {
    const before = state.previousChannels.get(c.channel);
    return before && seconds > 0 ? Math.max(0, (c[field] - before[field]) / seconds).toFixed(1) : '0.0';
  };
  for (const c of list.channels) {
    const row = body.insertRow();
    row.dataset.channel = c.channel;
    cell(row, c.channel);
    cell(row, c.stream);
    cell(row, c.state);
    cell(row, c.connection);
    cell(row, c.backlog < 0 ? '?' : c.backlog, true).classList.add('backlog');
    cell(row, c.inFlight, true);
    cell(row, perSecond(c, 'acked'), true);
    cell(row, perSecond(c, 'nacked'), true);
    const delivery = cell(row, c.paused ? 'paused ' : 'flowing ');
    delivery.classList.add('delivery');
    const action = c.paused ? 'resume' : 'pause';
    delivery.append(button(action, () => act(c.channel, action, (c.paused ? 'Resume' : 'Pause')
      + ' channel ' + c.channel + '?', '/channels/' + encodeURIComponent(c.channel))));
  }
  state.previousChannels = new Map(list.channels.map(c => [c.channel, c]));
}

function renderEventStreams(list) {
  const body = el('event-streams').tBodies[0];
  body.replaceChildren();
  for (const e of list.eventStreams) {
    const id = e.owner + '/' + e.name;
    const row = body.insertRow();
    row.dataset.eventStream = id;
    cell(row, id);
    cell(row, e.types.join(', '));
    cell(row, e.maxEvents + ' events' + (e.maxAgeSeconds ? ', ' + age(e.maxAgeSeconds * 1000) : ''));
    cell(row, e.first === undefined ? '-' : e.first, true).classList.add('first');
    cell(row, e.head === undefined ? '-' : e.head, true).classList.add('head');
    cell(row, e.retained === undefined ? '-' : e.retained, true);
    cell(row, e.state);
    row.insertCell().append(button('replay...', () => openReplay(id, e.first)));
  }
}

function openReplay(id, first) {
  state.replaySource = id;
  el('replay-source').textContent = id;
  el('replay-from').value = first === undefined ? 0 : first;
  el('replay-result').textContent = '';
  el('replay-form').hidden = false;
}

async function replay() {
  const to = el('replay-to').value.trim();
  const from = Number(el('replay-from').value);
  const limit = Number(el('replay-limit').value);
  if (!window.confirm('Copy up to ' + limit + ' events of ' + state.replaySource + ' from offset ' + from
    + ' into stream ' + to + '? Its consumers will receive them as new messages.')) { return; }
  try {
    const result = await call('/event-streams/' + state.replaySource.split('/').map(encodeURIComponent).join('/')
      + '/replay', { from, limit, to, confirm: to });
    el('replay-result').textContent = 'replayed ' + result.count + ' event(s), offsets ' + result.from + ' to '
      + (result.next - 1) + ' into ' + result.stream;
    await poll();
  } catch (e) {
    el('replay-result').textContent = 'replay failed: ' + e.message;
  }
}

function polyline(svg, values, max, color) {
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  const step = 600 / (HISTORY - 1);
  const offset = HISTORY - values.length;
  line.setAttribute('points', values.map((v, i) => ((offset + i) * step).toFixed(1) + ',' +
    (155 - 145 * v / max).toFixed(1)).join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', color);
  line.setAttribute('stroke-width', '2');
  svg.append(line);
}

function chart(svg, series) {
  svg.replaceChildren();
  const max = Math.max(1, ...series.flatMap(s => s.values));
  const label = document.createElementNS('http://www.w3.org/2000/svg', 'text');
  label.setAttribute('x', '4');
  label.setAttribute('y', '14');
  label.setAttribute('font-size', '12');
  label.textContent = 'max ' + (Number.isInteger(max) ? max : max.toFixed(1));
  svg.append(label);
  series.forEach(s => polyline(svg, s.values, max, s.color));
}

function renderCharts() {
  const pick = p => state.selected ? (p.streams.get(state.selected) || { backlog: 0, added: 0, acked: 0 }) : p.total;
  const points = state.history.map(pick);
  chart(el('backlog-chart'), [{ values: points.map(p => p.backlog), color: '#b05a00' }]);
  chart(el('rate-chart'), [{ values: points.map(p => p.addedRate || 0), color: '#1f5fa8' },
    { values: points.map(p => p.ackedRate || 0), color: '#2e8540' }]);
  document.querySelectorAll('.chart-stream').forEach(e => { e.textContent = state.selected || 'all streams'; });
}

function remember(overview, seconds) {
  const streams = new Map();
  const total = { backlog: 0, addedRate: 0, ackedRate: 0 };
  for (const s of overview.streams) {
    const point = { backlog: s.backlog, addedRate: rate(s, 'added', seconds), ackedRate: rate(s, 'acked', seconds) };
    streams.set(s.stream, point);
    total.backlog += point.backlog;
    total.addedRate += point.addedRate;
    total.ackedRate += point.ackedRate;
  }
  state.history.push({ streams, total });
  if (state.history.length > HISTORY) { state.history.shift(); }
  state.previous = new Map(overview.streams.map(s => [s.stream, s]));
}

let lastPoll = 0;
async function poll() {
  try {
    const overview = await call('/overview');
    const now = Date.now();
    const seconds = lastPoll ? (now - lastPoll) / 1000 : 0;
    lastPoll = now;
    el('connection').textContent = overview.connection;
    el('connection').className = 'badge ' + overview.connection;
    el('tracing').textContent = overview.tracing;
    el('updated').textContent = 'updated ' + new Date(now).toLocaleTimeString();
    renderStreams(overview, seconds);
    renderChannels(await call('/channels'), seconds);
    renderEventStreams(await call('/event-streams'));
    remember(overview, seconds);
    renderCharts();
    el('error').hidden = true;
  } catch (e) {
    el('error').textContent = 'overview: ' + e.message;
    el('error').hidden = false;
  }
}

async function act(stream, action, question, path) {
  if (!window.confirm(question)) { return; }
  try {
    const result = await call((path || '/streams/' + encodeURIComponent(stream)) + '/' + action, dlqBody(stream, action));
    el('dlq-result').textContent = result.action + (result.count === undefined ? ' ' + (result.channel || '')
      : ': ' + result.count + ' message(s)');
    await poll();
    if (state.selected) { await loadDeadLetters(); }
  } catch (e) {
    window.alert(action + ' failed: ' + e.message);
  }
}

function picked() {
  return [...document.querySelectorAll('#letters input.pick:checked')].map(c => c.value);
}

function dlqBody(stream, action) {
  if (action === 'redrive' && state.all) { return { all: true, confirm: stream }; }
  if (action === 'redrive' || action === 'delete') { return { ids: picked(), confirm: stream }; }
  return { confirm: stream };
}

function openDeadLetters(stream) {
  state.selected = stream;
  state.offset = 0;
  el('dead-letters').hidden = false;
  el('dlq-stream').textContent = stream;
  el('letter').hidden = true;
  renderCharts();
  loadDeadLetters();
}

async function loadDeadLetters() {
  const q = new URLSearchParams({ offset: state.offset, limit: PAGE });
  if (el('dlq-filter').value) { q.set('filter', el('dlq-filter').value); }
  if (el('dlq-selector').value) { q.set('selector', el('dlq-selector').value); }
  const body = el('letters').tBodies[0];
  try {
    const page = await call('/streams/' + encodeURIComponent(state.selected) + '/dead-letters?' + q);
    body.replaceChildren();
    for (const m of page.letters) {
      const row = body.insertRow();
      row.dataset.id = m.id;
      const pick = document.createElement('input');
      pick.type = 'checkbox';
      pick.className = 'pick';
      pick.value = m.id;
      row.insertCell().append(pick);
      cell(row, m.id);
      cell(row, m.key || '');
      cell(row, m.tags.dlq_reason || '');
      cell(row, m.attempt, true);
      cell(row, new Date(m.timestamp).toLocaleString());
      cell(row, m.preview === undefined ? m.size + ' bytes' : m.preview);
      row.insertCell().append(button('view', () => view(m.id)));
    }
    state.more = page.more;
    el('page-info').textContent = page.letters.length ? (state.offset + 1) + '-' + (state.offset + page.letters.length)
      + (page.more ? ' of more' : '') : 'none';
  } catch (e) {
    el('page-info').textContent = e.message;
  }
}

async function view(id) {
  const m = await call('/streams/' + encodeURIComponent(state.selected) + '/dead-letters/' + encodeURIComponent(id));
  const headers = { id: m.id, key: m.key, timestamp: m.timestamp, attempt: m.attempt, priority: m.priority, size: m.size };
  el('letter').textContent = JSON.stringify(headers, null, 2) + '\n\ntags ' + JSON.stringify(m.tags, null, 2)
    + (m.text !== undefined ? '\n\ntext\n' + m.text : '') + '\n\nhex\n' + m.hex + (m.cut ? ' ...' : '');
  el('letter').hidden = false;
}

el('replay-form').addEventListener('submit', e => { e.preventDefault(); replay(); });
el('dlq-query').addEventListener('submit', e => { e.preventDefault(); state.offset = 0; loadDeadLetters(); });
el('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); loadDeadLetters(); });
el('next').addEventListener('click', () => { if (state.more) { state.offset += PAGE; loadDeadLetters(); } });
el('pick-all').addEventListener('change', e => {
  document.querySelectorAll('#letters input.pick').forEach(c => { c.checked = e.target.checked; });
});
const dlqPath = () => '/streams/' + encodeURIComponent(state.selected) + '/dead-letters';
el('redrive-selected').addEventListener('click', () => {
  state.all = false;
  act(state.selected, 'redrive', 'Redrive ' + picked().length + ' dead letter(s) back to ' + state.selected
    + '? Their attempts restart at 1.', dlqPath());
});
el('redrive-all').addEventListener('click', () => {
  state.all = true;
  act(state.selected, 'redrive', 'Redrive ALL dead letters back to ' + state.selected + '?', dlqPath());
});
el('delete-selected').addEventListener('click', () => act(state.selected, 'delete', 'Delete ' + picked().length
  + ' dead letter(s) of ' + state.selected + ' for good?', dlqPath()));
el('purge').addEventListener('click', () => act(state.selected, 'purge', 'Delete ALL dead letters of '
  + state.selected + ' for good?', dlqPath()));

poll();
setInterval(poll, POLL_MS);
