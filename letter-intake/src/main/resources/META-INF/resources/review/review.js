// The review queue for caseworkers: letters whose recipient could not be read safely. The page calls
// /api/v1/review with a bearer token: with OIDC sign-in configured (brevrute.oidc.enabled) the page is
// only served after the identity provider's login, and the token is the session's access token from
// GET /review/session (kept in memory only); without it the caseworker pastes a token (kept in
// sessionStorage, so it is gone with the tab). A CPR number typed here goes only into the release request.
(function () {
  'use strict';
  const TOKEN_KEY = 'brevrute.review.token';
  const REASONS = {
    CPR_INVALID: 'Et CPR-nummer på brevet er ikke gyldigt (datoen findes ikke).',
    SEVERAL_CPR: 'Brevet viser mere end ét CPR-nummer.',
    ADDRESS_OUTSIDE_WINDOW: 'Tekst går ud over rudevinduets kant: adressen ville ikke kunne ses helt.',
    NO_ADDRESS_IN_WINDOW: 'Intet CPR-nummer, og intet i rudevinduet.',
    ADDRESS_INCOMPLETE: 'Intet CPR-nummer, og adressen i rudevinduet mangler navn, vej eller postnummer og by.',
    UNREADABLE: 'Side 1 kan ikke læses.'
  };
  const $ = (id) => document.getElementById(id);
  let selected = null;
  let previewUrl = null;
  let sessionToken = null; // the access token of the provider sign-in, when there is one

  function token() { return sessionToken || sessionStorage.getItem(TOKEN_KEY); }

  // The access token of the OIDC session, or null where sign-in through the provider is not configured.
  async function providerSession() {
    try {
      const response = await fetch('session', { headers: { Accept: 'application/json' }, credentials: 'same-origin',
        cache: 'no-store', redirect: 'error' });
      return response.ok ? ((await response.json()).accessToken || null) : null;
    } catch (e) {
      return null;
    }
  }

  async function api(path, init) {
    init = init || {};
    init.headers = Object.assign({ Authorization: 'Bearer ' + token(), Accept: 'application/json' }, init.headers);
    const response = await fetch('/api/v1/review' + path, init);
    if (sessionToken && response.status === 401) {
      // The session's access token expired: a reload goes through the provider again.
      window.location.reload();
      throw new Error('session expired');
    }
    if (response.status === 401 || response.status === 403) {
      const problem = await response.json().catch(() => ({}));
      signOut(response.status === 401 ? 'Dit token blev ikke godtaget (udløbet eller fra en anden udsteder). Log ind igen.'
        : (problem.detail || 'Dit token giver ikke adgang til gennemsyn.'));
      throw new Error('not signed in');
    }
    return response;
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    $('app').hidden = true;
    $('sign-out').hidden = true;
    $('who').textContent = '';
    $('login').hidden = false;
    $('login-error').textContent = message || '';
  }

  async function signIn(value) {
    if (!value || !value.trim()) {
      $('login-error').textContent = 'Indsæt først et token.';
      return;
    }
    if (!sessionToken) {
      sessionStorage.setItem(TOKEN_KEY, value.trim());
    }
    try {
      const payload = JSON.parse(atob(value.trim().split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      $('who').textContent = (payload.upn || payload.sub || '') + ' · ' + (payload.unit || '');
    } catch (e) {
      $('who').textContent = '';
    }
    $('login').hidden = true;
    $('app').hidden = false;
    $('sign-out').hidden = false;
    await loadQueue();
  }

  function time(iso) {
    return new Date(iso).toLocaleString('da-DK', { dateStyle: 'short', timeStyle: 'short' });
  }

  async function loadQueue() {
    const response = await api('');
    const jobs = await response.json();
    const list = $('jobs');
    list.replaceChildren();
    $('count').textContent = String(jobs.length);
    $('empty').hidden = jobs.length > 0;
    for (const job of jobs) {
      const li = document.createElement('li');
      li.dataset.job = String(job.jobId);
      li.className = (job.overdue ? 'overdue ' : '') + (selected === job.jobId ? 'selected' : '');
      const title = document.createElement('div');
      title.textContent = job.subject || job.jobName || ('Job ' + job.jobId);
      const meta = document.createElement('div');
      meta.className = 'meta';
      meta.textContent = 'Job ' + job.jobId + ' · ' + (job.user || '') + ' · venter siden ' + time(job.heldSince);
      li.append(title, meta);
      if (job.overdue) {
        const flag = document.createElement('div');
        flag.className = 'overdue-flag';
        flag.textContent = 'Har ventet for længe';
        li.append(flag);
      }
      li.addEventListener('click', () => open(job.jobId));
      list.append(li);
    }
  }

  async function open(jobId) {
    selected = jobId;
    document.querySelectorAll('#jobs li').forEach((li) => li.classList.toggle('selected', li.dataset.job === String(jobId)));
    $('message').textContent = '';
    $('message').className = '';
    const response = await api('/' + jobId);
    if (!response.ok) {
      $('done').textContent = 'Brevet venter ikke længere.';
      $('detail').hidden = true;
      await loadQueue();
      return;
    }
    const job = await response.json();
    $('detail').hidden = false;
    $('detail').dataset.job = String(jobId);
    $('detail-title').textContent = job.subject || job.jobName || ('Job ' + jobId);
    $('reason').textContent = REASONS[job.reason] || job.reason || '';
    $('window-text').textContent = (job.windowLines || []).join('\n');
    $('page-text').textContent = job.pageText || '';
    $('subject').value = job.subject || '';
    const a = job.suggestedAddress || {};
    $('name').value = a.name || '';
    $('street').value = a.street || '';
    $('supplement').value = a.supplement || '';
    $('postcode').value = a.postcode || '';
    $('city').value = a.city || '';
    $('cpr').value = '';
    const image = await api('/' + jobId + '/preview.png', { headers: { Accept: 'image/png' } });
    if (previewUrl) {
      URL.revokeObjectURL(previewUrl);
    }
    previewUrl = URL.createObjectURL(await image.blob());
    $('preview').src = previewUrl;
  }

  function recipient() {
    const address = {
      name: $('name').value.trim(), street: $('street').value.trim(), supplement: $('supplement').value.trim() || null,
      postcode: $('postcode').value.trim(), city: $('city').value.trim(), country: 'DK'
    };
    const complete = address.name && address.street && address.postcode && address.city;
    if ($('kind-cpr').checked) {
      return { cpr: $('cpr').value.trim(), address: complete ? address : null };
    }
    return { address: address };
  }

  async function release(event) {
    event.preventDefault();
    const jobId = selected;
    const body = Object.assign(recipient(), { subject: $('subject').value.trim() });
    const response = await api('/' + jobId + '/release', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      $('message').className = 'error';
      $('message').textContent = (answer.violations || []).map((v) => v.message).join(' ') || answer.detail || 'Brevet kunne ikke frigives.';
      return;
    }
    $('detail').hidden = true;
    if (answer.letterId) {
      $('done').dataset.letter = answer.letterId;
      $('done').textContent = 'Sendt: job ' + jobId + ' er nu brev ' + answer.letterId + '.';
    } else {
      $('done').textContent = 'Brevet blev afvist: ' + (answer.message || '');
    }
    selected = null;
    await loadQueue();
  }

  async function discard() {
    const jobId = selected;
    if (!window.confirm('Kassér brevet? Det bliver ikke sendt.')) {
      return;
    }
    await api('/' + jobId + '/discard', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason: 'kasseret ved gennemsyn' })
    });
    $('detail').hidden = true;
    $('done').textContent = 'Job ' + jobId + ' er kasseret.';
    selected = null;
    await loadQueue();
  }

  function kindChanged() {
    $('cpr-fields').hidden = !$('kind-cpr').checked;
  }

  document.addEventListener('DOMContentLoaded', async () => {
    $('sign-in').addEventListener('click', () => signIn($('token').value));
    $('sign-out').addEventListener('click', () => {
      if (sessionToken) {
        window.location.assign('logout'); // ends the session here and at the provider
      } else {
        signOut('');
      }
    });
    $('release-form').addEventListener('submit', release);
    $('discard').addEventListener('click', discard);
    $('kind-cpr').addEventListener('change', kindChanged);
    $('kind-address').addEventListener('change', kindChanged);
    // A link may carry the token in its fragment (never sent to a server); take it and drop it from the address.
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    if (fragment.get('token')) {
      sessionStorage.setItem(TOKEN_KEY, fragment.get('token'));
      history.replaceState(null, '', window.location.pathname + window.location.search);
    }
    sessionToken = await providerSession();
    if (sessionToken) {
      signIn(sessionToken);
    } else if (token()) {
      signIn(token());
    } else {
      signOut('');
    }
    setInterval(() => { if (token() && !$('app').hidden) { loadQueue().catch(() => {}); } }, 15000);
  });
})();
