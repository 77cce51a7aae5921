// Finance dashboard of the savings ledger. Static: it holds no data, and calls the ledger's JSON API
// with a bearer token. With OIDC sign-in configured (brevrute.oidc.enabled) the page is only served
// after the identity provider's login, and the token is the session's access token from
// GET /dashboard/session (kept in memory only). Without it the user pastes a token (kept in
// sessionStorage, so it is gone with the tab).
// While open it polls /api/v1/ledger/revision and reloads when anything changed (a mailing running).
'use strict';

(function () {
  const TOKEN_KEY = 'brevrute.ledger.token';
  const params = new URLSearchParams(window.location.search);
  const POLL_MS = Math.max(250, Number(params.get('poll')) || 2000);
  const $ = (id) => document.getElementById(id);

  let revision = null;
  let pollTimer = null;
  let charts = {};
  let tariffsLoaded = false;
  let sessionToken = null; // the access token of the provider sign-in, when there is one

  // Danish number format, the same in every browser: '.' between thousands, ',' before decimals.
  function number(value, decimals) {
    if (value === null || value === undefined) {
      return '–';
    }
    const fixed = Math.abs(Number(value)).toFixed(decimals);
    const [whole, fraction] = fixed.split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    return (Number(value) < 0 ? '-' : '') + grouped + (fraction ? ',' + fraction : '');
  }
  const dkk = (v) => number(v, 2);
  const count = (v) => number(v, 0);
  const pct = (v) => (v === null || v === undefined ? '–' : number(v, 1) + ' %');

  function token() {
    return sessionToken || sessionStorage.getItem(TOKEN_KEY);
  }

  // The access token of the OIDC session, or null where sign-in through the provider is not configured.
  async function providerSession() {
    try {
      const response = await fetch('session', { headers: { Accept: 'application/json' }, credentials: 'same-origin',
        cache: 'no-store', redirect: 'error' });
      if (!response.ok) {
        return null;
      }
      return (await response.json()).accessToken || null;
    } catch (e) {
      return null;
    }
  }

  class HttpError extends Error {
    constructor(status, detail) {
      super(detail);
      this.status = status;
    }
  }

  async function api(path, options) {
    const init = Object.assign({ headers: {} }, options || {});
    init.headers = Object.assign({ Authorization: 'Bearer ' + token(), Accept: 'application/json' }, init.headers);
    const response = await fetch(path, init);
    if (!response.ok) {
      let detail = response.statusText;
      try {
        const problem = await response.json();
        detail = problem.detail || problem.title || detail;
      } catch (e) {
        // not problem+json
      }
      throw new HttpError(response.status, detail);
    }
    const type = response.headers.get('Content-Type') || '';
    return type.includes('json') ? response.json() : response.blob();
  }

  function showLogin(message) {
    stopPolling();
    $('app').hidden = true;
    $('session').hidden = true;
    $('login').hidden = false;
    $('login-message').textContent = message || '';
  }

  function showApp() {
    $('login').hidden = true;
    $('app').hidden = false;
    $('session').hidden = false;
  }

  function handle(error) {
    if (sessionToken && error instanceof HttpError && error.status === 401) {
      // The session's access token expired: a reload goes through the provider again.
      window.location.reload();
    } else if (error instanceof HttpError && error.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin('The token was not accepted (expired, or not from the trusted issuer). Sign in again.');
    } else if (error instanceof HttpError && error.status === 403) {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin('The token does not carry the finance role.');
    } else {
      $('app-message').textContent = 'Could not load: ' + error.message;
      $('live').textContent = 'Not updated: ' + error.message;
    }
  }

  async function signIn(value) {
    const t = (value || '').trim();
    if (!t) {
      showLogin('Paste a token first.');
      return;
    }
    if (!sessionToken) {
      sessionStorage.setItem(TOKEN_KEY, t);
    }
    try {
      const r = await api('/api/v1/ledger/revision');
      showApp();
      setUpYears(r.currentMonth);
      revision = r.revision;
      await refresh();
      startPolling();
    } catch (error) {
      handle(error);
    }
  }

  function setUpYears(currentMonth) {
    const select = $('year');
    if (select.options.length) {
      return;
    }
    const current = Number(currentMonth.substring(0, 4));
    const wanted = Number(params.get('year')) || current;
    const last = Math.max(current, wanted);
    for (let y = last; y >= 2009; y--) {
      const o = document.createElement('option');
      o.value = String(y);
      o.textContent = String(y);
      select.appendChild(o);
    }
    select.value = String(wanted);
    if (params.get('month')) {
      $('month').value = params.get('month');
    }
  }

  function selectedYear() {
    return Number($('year').value);
  }

  function selectedMonth() {
    return $('month').value ? Number($('month').value) : null;
  }

  async function refresh() {
    const year = selectedYear();
    const month = selectedMonth();
    const query = 'year=' + year + (month ? '&month=' + month : '');
    // The business case's years and the ones since, up to the chosen year (at most 20 years back).
    const lastYear = year;
    const firstYear = Math.max(2009, lastYear - 20);
    const [period, years, months] = await Promise.all([
      api('/api/v1/reports/departments?' + query),
      api('/api/v1/reports/years?from=' + firstYear + '&to=' + lastYear),
      api('/api/v1/reports/months?year=' + year),
    ]);
    $('app-message').textContent = '';
    renderKpis(period);
    renderTable(period);
    renderYears(years);
    renderDepartments(period);
    renderShare(months);
    if (!tariffsLoaded) {
      await loadTariffs();
    }
    $('live').textContent = 'Live · updated ' + new Date().toLocaleTimeString('en-GB');
    $('live').dataset.updatedAt = String(Date.now());
  }

  function setValue(id, text, raw) {
    const el = $(id);
    el.textContent = text;
    el.dataset.value = raw === null || raw === undefined ? '' : String(raw);
  }

  function renderKpis(r) {
    const t = r.totals;
    setValue('kpi-realised', dkk(t.realisedGrossSaving), t.realisedGrossSaving);
    setValue('kpi-planned', dkk(t.plannedGrossSaving), t.plannedGrossSaving);
    setValue('kpi-realisation', pct(t.realisationPct), t.realisationPct);
    setValue('kpi-digital-share', pct(t.digitalSharePct), t.digitalSharePct);
    setValue('kpi-net-gain', dkk(t.realisedNetGain), t.realisedNetGain);
    setValue('kpi-letters', count(t.digitalLetters) + ' / ' + count(t.printLetters), t.letters);
    $('price-level').textContent = 'Plan ' + r.period + ': ' + r.planBasis + ', ' + r.priceLevel + '; realised amounts are nominal.';
    $('distribution-period').textContent = r.period;
  }

  function cell(row, cls, text, raw) {
    const td = document.createElement('td');
    td.className = cls;
    td.textContent = text;
    if (raw !== undefined && raw !== null) {
      td.dataset.value = String(raw);
    }
    row.appendChild(td);
  }

  function renderTable(r) {
    const body = document.querySelector('#distribution tbody');
    body.replaceChildren();
    for (const d of r.departments) {
      const tr = document.createElement('tr');
      tr.dataset.department = d.department;
      cell(tr, 'name', d.code + ' · ' + d.name);
      cell(tr, 'digital', count(d.digitalLetters), d.digitalLetters);
      cell(tr, 'print', count(d.printLetters), d.printLetters);
      cell(tr, 'letters', count(d.letters), d.letters);
      cell(tr, 'share', pct(d.digitalSharePct), d.digitalSharePct);
      cell(tr, 'key', number(d.distributionKey * 100, 2) + ' %', d.distributionKey);
      cell(tr, 'realised', dkk(d.realisedGrossSaving), d.realisedGrossSaving);
      cell(tr, 'planned', dkk(d.plannedGrossSaving), d.plannedGrossSaving);
      cell(tr, 'realisation', pct(d.realisationPct), d.realisationPct);
      cell(tr, 'net', dkk(d.realisedNetGain), d.realisedNetGain);
      cell(tr, 'distribution', dkk(d.distribution), d.distribution);
      body.appendChild(tr);
    }
    const foot = document.querySelector('#distribution tfoot');
    foot.replaceChildren();
    const t = r.totals;
    const total = document.createElement('tr');
    total.dataset.department = 'TOTAL';
    cell(total, 'name', 'Departments in all');
    cell(total, 'digital', count(t.digitalLetters), t.digitalLetters);
    cell(total, 'print', count(t.printLetters), t.printLetters);
    cell(total, 'letters', count(t.letters), t.letters);
    cell(total, 'share', pct(t.digitalSharePct), t.digitalSharePct);
    cell(total, 'key', '100,00 %');
    cell(total, 'realised', dkk(t.realisedGrossSaving), t.realisedGrossSaving);
    cell(total, 'planned', dkk(t.plannedGrossSaving), t.plannedGrossSaving);
    cell(total, 'realisation', pct(t.realisationPct), t.realisationPct);
    cell(total, 'net', dkk(t.realisedNetGain), t.realisedNetGain);
    cell(total, 'distribution', dkk(r.distribution.toDepartments), r.distribution.toDepartments);
    foot.appendChild(total);
    const pool = document.createElement('tr');
    pool.dataset.department = 'PRIORITY_POOL';
    cell(pool, 'name', 'Central priority pool (50%)');
    for (const cls of ['digital', 'print', 'letters', 'share', 'key', 'realised', 'planned', 'realisation']) {
      cell(pool, cls, '');
    }
    cell(pool, 'net', r.distribution.shortfall > 0 ? 'shortfall ' + dkk(r.distribution.shortfall) : '');
    cell(pool, 'distribution', dkk(r.distribution.toPriorityPool), r.distribution.toPriorityPool);
    foot.appendChild(pool);
  }

  function chart(id) {
    if (!charts[id]) {
      charts[id] = echarts.init($(id));
      window.addEventListener('resize', () => charts[id].resize());
    }
    return charts[id];
  }

  function renderYears(years) {
    chart('chart-years').setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: ['Realised', 'Planned'] },
      grid: { left: 80, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
      yAxis: { type: 'value', name: 'DKK' },
      series: [
        { name: 'Realised', type: 'bar', data: years.map((y) => y.totals.realisedGrossSaving) },
        { name: 'Planned', type: 'line', data: years.map((y) => y.totals.plannedGrossSaving) },
      ],
    });
  }

  function renderDepartments(r) {
    chart('chart-departments').setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: ['Realised', 'Planned', 'Distribution'] },
      grid: { left: 80, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: r.departments.map((d) => d.code) },
      yAxis: { type: 'value', name: 'DKK' },
      series: [
        { name: 'Realised', type: 'bar', data: r.departments.map((d) => d.realisedGrossSaving) },
        { name: 'Planned', type: 'bar', data: r.departments.map((d) => d.plannedGrossSaving) },
        { name: 'Distribution', type: 'bar', data: r.departments.map((d) => d.distribution) },
      ],
    });
  }

  function renderShare(months) {
    const departments = months.length ? months[0].departments.map((d) => d.department) : [];
    chart('chart-share').setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', data: ['All'].concat(departments) },
      grid: { left: 50, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: months.map((m) => m.month) },
      yAxis: { type: 'value', name: '%', min: 0, max: 100 },
      series: [{ name: 'All', type: 'line', connectNulls: true, data: months.map((m) => m.totals.digitalSharePct) }].concat(
        departments.map((id, i) => ({
          name: id, type: 'line', connectNulls: true, lineStyle: { width: 1 },
          data: months.map((m) => m.departments[i].digitalSharePct),
        }))),
    }, true);
  }

  async function loadTariffs() {
    const tariffs = await api('/api/v1/tariffs');
    const select = $('whatif-tariff');
    select.replaceChildren();
    for (const t of tariffs.slice().reverse()) {
      const o = document.createElement('option');
      o.value = t.tariffId;
      o.textContent = t.tariffId + ' (from ' + t.effectiveFrom + (t.example ? ', EXAMPLE values' : '') + ')';
      select.appendChild(o);
    }
    tariffsLoaded = true;
  }

  async function whatIf() {
    try {
      const answer = await api('/api/v1/what-if', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ digitalSharePct: Number($('whatif-share').value), tariffId: $('whatif-tariff').value }),
      });
      const head = document.querySelector('#whatif-result thead');
      head.innerHTML = '<tr><th>Year</th><th>Planned gross (t.kr.)</th><th>Recomputed gross (t.kr.)</th>'
        + '<th>Contribution (t.kr.)</th><th>Net gain (t.kr.)</th><th>Departments 50%</th><th>Priority pool 50%</th></tr>';
      const body = document.querySelector('#whatif-result tbody');
      body.replaceChildren();
      for (const y of answer.years) {
        const tr = document.createElement('tr');
        tr.dataset.year = String(y.year);
        cell(tr, 'year', String(y.year));
        cell(tr, 'planned', number(y.plannedGrossSaving, 0), y.plannedGrossSaving);
        cell(tr, 'gross', number(y.grossSaving, 0), y.grossSaving);
        cell(tr, 'contribution', number(y.departmentsContribution, 0), y.departmentsContribution);
        cell(tr, 'net', number(y.netGain, 0), y.netGain);
        cell(tr, 'departments', number(y.toDepartments, 0), y.toDepartments);
        cell(tr, 'pool', number(y.toPriorityPool, 0), y.toPriorityPool);
        body.appendChild(tr);
      }
    } catch (error) {
      handle(error);
    }
  }

  async function download(path, filename) {
    try {
      const blob = await api(path, { headers: { Accept: 'text/csv' } });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    } catch (error) {
      handle(error);
    }
  }

  function periodQuery() {
    const month = selectedMonth();
    return 'year=' + selectedYear() + (month ? '&month=' + month : '');
  }

  async function poll() {
    try {
      const r = await api('/api/v1/ledger/revision');
      if (r.revision !== revision) {
        revision = r.revision;
        await refresh();
      }
    } catch (error) {
      handle(error);
    }
  }

  function startPolling() {
    stopPolling();
    pollTimer = setInterval(poll, POLL_MS);
  }

  function stopPolling() {
    if (pollTimer) {
      clearInterval(pollTimer);
      pollTimer = null;
    }
  }

  function reload() {
    refresh().catch(handle);
  }

  document.addEventListener('DOMContentLoaded', async () => {
    $('sign-in').addEventListener('click', () => signIn($('token').value));
    $('sign-out').addEventListener('click', () => {
      if (sessionToken) {
        window.location.assign('logout'); // ends the session here and at the provider
        return;
      }
      sessionStorage.removeItem(TOKEN_KEY);
      $('token').value = '';
      showLogin('Signed out.');
    });
    $('year').addEventListener('change', reload);
    $('month').addEventListener('change', reload);
    $('whatif-run').addEventListener('click', whatIf);
    $('csv-departments').addEventListener('click', () => download('/api/v1/reports/departments.csv?' + periodQuery(),
      'savings-departments.csv'));
    $('csv-cost-centres').addEventListener('click', () => download('/api/v1/reports/cost-centres.csv?' + periodQuery(),
      'savings-cost-centres.csv'));

    // A link may carry the token in its fragment (never sent to a server); take it and drop it from the address.
    const fragment = new URLSearchParams(window.location.hash.substring(1));
    if (fragment.get('token')) {
      sessionStorage.setItem(TOKEN_KEY, fragment.get('token'));
      history.replaceState(null, '', window.location.pathname + window.location.search);
    }
    if (typeof echarts === 'undefined') {
      showLogin('The chart library did not load.');
      return;
    }
    sessionToken = await providerSession();
    if (sessionToken) {
      signIn(sessionToken);
    } else if (token()) {
      signIn(token());
    } else {
      showLogin('');
    }
  });
}());
