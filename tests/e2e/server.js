#!/usr/bin/env node
/*
 * Telegram Bot API emulator for the end-to-end tests.
 *
 *   node tests/e2e/server.js [PORT]        (or env PORT; 0 lets the OS choose)
 *
 * Runs the npm package telegram-test-api (pinned in package.json, installed with
 * `npm ci --prefix tests/e2e`) on 127.0.0.1 and prints `READY <port>` on stdout once it listens.
 * It exits on SIGTERM and SIGINT, and with E2E_EXIT_ON_STDIN_EOF=1 when its stdin closes (so an
 * orphan never outlives the pytest that started it).
 *
 * telegram-test-api 4.2.1 does not speak the Bot API the way python-telegram-bot 22 expects.
 * Nothing under node_modules is edited: the package's Express app is mounted inside an outer
 * Express app whose routes run first, and one static helper of its class is wrapped. What is
 * changed (see tests/e2e/emulator.py for the Python side):
 *
 *  Bot side (POST /bot<token>/<method>)
 *   - getMe: a user with is_bot: true, first_name, username (env BOT_USERNAME, default
 *     lam_theo_bac_bot; env BOT_FIRST_NAME) and the token's numeric prefix as id.
 *   - sendMessage: stored through the package (so its client getUpdates sees it), but answered
 *     with a well-formed Message: date in seconds, `from` the bot, the chat as the user's side
 *     described it, parsed entities / inline reply_markup / link_preview_options. Rejects what
 *     Telegram rejects: empty text, text over 4096 characters, non-numeric chat_id, HTML that
 *     does not parse (unknown or unbalanced tags) with parse_mode HTML.
 *   - editMessageText / editMessageReplyMarkup: return the edited Message (the package returns
 *     null); 400 "message to edit not found"; 400 "message is not modified" when nothing changes;
 *     editMessageText without reply_markup removes the inline keyboard, as Telegram does. Every
 *     edit is appended to the stored message's `edits` list (the package only overwrote it).
 *   - getUpdates: Telegram's offset semantics (updates are confirmed by a later `offset`, not
 *     by being delivered once), `limit`, long polling up to `timeout` seconds, 409 while a
 *     webhook is set. Updates are made valid: messages have a second-based date, chat and from,
 *     callback queries have chat_instance and a full `message` (the bot's stored message).
 *   - answerCallbackQuery, deleteMessage, setWebhook and any other success whose result is null
 *     answer `result: true`. deleteWebhook honours drop_pending_updates.
 *   - Methods the package does not implement (setMyCommands, sendChatAction, getWebhookInfo,
 *     deleteMyCommands, sendPhoto, ...) STILL FAIL, on purpose, but as a well-formed Bot API
 *     error: HTTP 400 {"ok": false, "error_code": 400, "description": "Bad Request: ..."}
 *     (python-telegram-bot raises telegram.error.BadRequest). The package answered HTTP 500
 *     {"message": ...}; every other error of the package is reshaped the same way and an
 *     `ok: false` answer always carries its error_code as the HTTP status.
 *
 *  Client side (playing the user; JSON bodies)
 *   - POST /sendMessage, /sendCommand, /sendCallback accept what the package accepts (a message
 *     or callback query plus botToken), fill in what is missing (date in seconds, chat, from,
 *     the reply_to_message from a `reply_to_message_id`, the bot_command entity), and answer
 *     {ok, result: {update_id, message_id | callback_query_id}} instead of result: null.
 *   - POST /getUpdates {token, chatId} and /getUpdatesHistory {token} are the package's own:
 *     the first returns the stored records of the bot's messages to that chat not returned
 *     before, and marks them read; the second every stored record (user and bot) for the token.
 *   - POST /e2e/calls {token, method?} lists every Bot API call the bot made (method, params,
 *     ok, error_code, description); POST /e2e/reset {token?} forgets stored state.
 */
'use strict';

const path = require('path');

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

let TelegramServer;
let express;
try {
  TelegramServer = require('telegram-test-api');
  // The Express the package itself was built against, wherever npm put it.
  const pkgDir = path.dirname(require.resolve('telegram-test-api/package.json'));
  express = require(require.resolve('express', { paths: [pkgDir] }));
} catch (error) {
  fail(`cannot load telegram-test-api (${error.message}); run npm ci --prefix tests/e2e`);
}

const HOST = '127.0.0.1';
const portArg = process.argv[2] !== undefined ? process.argv[2] : process.env.PORT;
const PORT = portArg === undefined || portArg === '' ? 0 : Number(portArg);
if (!Number.isInteger(PORT) || PORT < 0 || PORT > 65535) fail(`bad port: ${portArg}`);

const BOT_USERNAME = process.env.BOT_USERNAME || 'lam_theo_bac_bot';
const BOT_FIRST_NAME = process.env.BOT_FIRST_NAME || 'Làm theo Bác (test)';
const MAX_TEXT = 4096;
const MAX_POLL_SECONDS = 50;

// ---------------------------------------------------------------- helpers

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A date as Telegram gives it: integer seconds. Millisecond values (the package's) are scaled. */
function seconds(value) {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) return nowSeconds();
  return n > 1e11 ? Math.floor(n / 1000) : Math.floor(n);
}

function hash32(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

function botId(token) {
  const m = /^(\d+):/.exec(String(token));
  return m ? Number(m[1]) : 1000000000 + (hash32(String(token)) % 1000000000);
}

function botUser(token) {
  return { id: botId(token), is_bot: true, first_name: BOT_FIRST_NAME, username: BOT_USERNAME };
}

/** Form-encoded Bot API parameters are JSON-encoded when not strings: decode the ones we read. */
function jsonish(value) {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return value;
  try {
    return JSON.parse(t);
  } catch (_error) {
    return value;
  }
}

const JSON_FIELDS = ['reply_markup', 'entities', 'reply_parameters', 'link_preview_options',
  'caption_entities', 'allowed_updates'];

function params(req) {
  const out = Object.assign({}, req.query || {}, req.body || {});
  for (const key of JSON_FIELDS) if (key in out) out[key] = jsonish(out[key]);
  return out;
}

function isTrue(value) {
  return value === true || value === 'true' || value === '1' || value === 1;
}

function apiError(res, code, description) {
  res.status(code).json({ ok: false, error_code: code, description });
}

function inlineMarkup(markup) {
  return markup && typeof markup === 'object' && Array.isArray(markup.inline_keyboard) ? markup : undefined;
}

// -------------------------------------------------- text checks (what Telegram would refuse)

const HTML_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span',
  'tg-spoiler', 'a', 'tg-emoji', 'code', 'pre', 'blockquote']);
const HTML_ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Returns {text} (the visible text) or {error}. Mirrors Telegram's HTML parse mode loosely. */
function parseHtml(source) {
  const stack = [];
  let visible = '';
  let i = 0;
  const offset = (at) => Buffer.byteLength(source.slice(0, at), 'utf8');
  while (i < source.length) {
    const c = source[i];
    if (c === '<') {
      const end = source.indexOf('>', i);
      if (end < 0) return { error: `Can't find end of the tag at byte offset ${offset(i)}` };
      const inner = source.slice(i + 1, end);
      if (inner.startsWith('/')) {
        const name = inner.slice(1).trim().toLowerCase();
        const open = stack.pop();
        if (open === undefined) {
          return { error: `Unexpected end tag at byte offset ${offset(i)}` };
        }
        if (name !== '' && name !== open) {
          return { error: `Unmatched end tag at byte offset ${offset(i)}, expected "</${open}>", found "</${name}>"` };
        }
      } else {
        const name = (/^[^\s/>]*/.exec(inner)[0] || '').toLowerCase();
        if (!HTML_TAGS.has(name)) {
          return { error: `Unsupported start tag "${name}" at byte offset ${offset(i)}` };
        }
        if (name === 'span' && !/class\s*=\s*["']?tg-spoiler/.test(inner)) {
          return { error: `Tag "span" must have class "tg-spoiler" at byte offset ${offset(i)}` };
        }
        if (name === 'a' && !/href\s*=/.test(inner)) {
          // Telegram accepts <a> without href (plain text); keep it.
        }
        stack.push(name);
      }
      i = end + 1;
    } else if (c === '&') {
      const m = /^&(#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(source.slice(i, i + 12));
      if (m && (m[1][0] === '#' || m[1].toLowerCase() in HTML_ENTITIES)) {
        const name = m[1];
        if (name[0] === '#') {
          const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
          visible += String.fromCodePoint(Number.isFinite(code) && code <= 0x10ffff ? code : 0xfffd);
        } else {
          visible += HTML_ENTITIES[name.toLowerCase()];
        }
        i += m[0].length;
      } else {
        visible += c;
        i += 1;
      }
    } else {
      visible += c;
      i += 1;
    }
  }
  if (stack.length) {
    return { error: `Can't find end tag corresponding to start tag "${stack[stack.length - 1]}"` };
  }
  return { text: visible };
}

/** null when Telegram would accept the text, else the error description. */
function checkText(text, parseMode) {
  if (text === undefined || text === null || String(text).trim() === '') {
    return 'Bad Request: message text is empty';
  }
  let visible = String(text);
  if (String(parseMode || '').toUpperCase() === 'HTML') {
    const parsed = parseHtml(visible);
    if (parsed.error) return `Bad Request: can't parse entities: ${parsed.error}`;
    visible = parsed.text;
    if (visible.trim() === '') return 'Bad Request: message text is empty';
  }
  // Telegram counts after entity parsing; for Markdown modes the raw text is counted.
  if ([...visible].length > MAX_TEXT) return 'Bad Request: message is too long';
  return null;
}

// ---------------------------------------------------------------- the emulator

const server = new TelegramServer({ port: PORT || 9000, host: HOST, storeTimeout: 24 * 3600 });
server.config.port = PORT; // normalizeConfig turns 0 into 9000; 0 means "any free port" here.
const inner = server.webServer;

/** (token, chat id) -> chat object, learnt from the user side. */
const chats = new Map();
/** Bot API call log, per token. */
const calls = new Map();
const MAX_CALLS = 5000;

const chatKey = (token, id) => `${token}|${Number(id)}`;

function rememberChat(token, chat) {
  if (chat && chat.id !== undefined) chats.set(chatKey(token, chat.id), chat);
}

function chatFor(token, chatId) {
  const known = chats.get(chatKey(token, chatId));
  if (known) return known;
  const id = Number(chatId);
  return id < 0
    ? { id, type: id < -1000000000000 ? 'supergroup' : 'group', title: `Chat ${id}` }
    : { id, type: 'private', first_name: `User ${id}` };
}

function findBotRecord(token, chatId, messageId) {
  return server.storage.botMessages.find((r) => r.botToken === token
    && String(r.messageId) === String(messageId)
    && String(r.message.chat_id) === String(chatId));
}

function findUserRecord(token, chatId, messageId) {
  return server.storage.userMessages.find((r) => r.botToken === token && r.message
    && String(r.messageId) === String(messageId)
    && r.message.chat && String(r.message.chat.id) === String(chatId));
}

/** The Bot API Message for one of the bot's stored messages. */
function botMessage(record, depth = 0) {
  const m = record.message;
  const msg = {
    message_id: record.messageId,
    from: botUser(record.botToken),
    chat: chatFor(record.botToken, m.chat_id),
    date: seconds(record.time),
  };
  if (m.message_thread_id !== undefined) msg.message_thread_id = Number(m.message_thread_id);
  if (m.edit_date !== undefined) msg.edit_date = m.edit_date;
  if (m.text !== undefined) msg.text = String(m.text);
  if (Array.isArray(m.entities)) msg.entities = m.entities;
  const markup = inlineMarkup(m.reply_markup);
  if (markup) msg.reply_markup = markup;
  if (m.link_preview_options && typeof m.link_preview_options === 'object') {
    msg.link_preview_options = m.link_preview_options;
  }
  const replyTo = m.reply_parameters && typeof m.reply_parameters === 'object'
    ? m.reply_parameters.message_id : m.reply_to_message_id;
  if (replyTo !== undefined && depth === 0) {
    const target = messageById(record.botToken, m.chat_id, replyTo, 1);
    if (target) msg.reply_to_message = target;
  }
  return msg;
}

/** A user's message as delivered in an update. */
function userMessage(update, depth = 0) {
  const m = Object.assign({}, update.message);
  delete m.botToken;
  m.message_id = update.messageId;
  m.date = seconds(m.date || update.time);
  if (!m.from) m.from = { id: 1, is_bot: false, first_name: 'User' };
  if (!m.chat) m.chat = chatFor(update.botToken, m.from.id);
  if (m.reply_to_message && depth > 0) delete m.reply_to_message;
  return m;
}

function messageById(token, chatId, messageId, depth = 0) {
  const bot = findBotRecord(token, chatId, messageId);
  if (bot) return botMessage(bot, depth);
  const user = findUserRecord(token, chatId, messageId);
  if (user) return userMessage(user, depth);
  return undefined;
}

function chatInstance(token, chatId) {
  // Telegram: a stable opaque string per (bot, chat).
  return String(hash32(`${token}|${chatId}`)) + String(hash32(`${chatId}|${token}`));
}

// The package builds updates (for getUpdates and for webhooks) with this static helper, which
// leaves out chat_instance and keeps millisecond dates: wrap it.
const originalFormatUpdate = TelegramServer.formatUpdate;
TelegramServer.formatUpdate = function formatUpdate(update) {
  const formatted = originalFormatUpdate.call(this, update);
  if (formatted.callback_query) {
    const cb = update.callbackQuery;
    const q = formatted.callback_query;
    const from = cb.from || { id: 1, is_bot: false, first_name: 'User' };
    q.from = from;
    let chatId = from.id;
    if (cb.message && cb.message.chat && cb.message.chat.id !== undefined) {
      chatId = cb.message.chat.id;
      const stored = findBotRecord(update.botToken, chatId, cb.message.message_id);
      q.message = stored ? botMessage(stored) : Object.assign({}, cb.message, {
        date: seconds(cb.message.date || update.time),
        chat: Object.assign(chatFor(update.botToken, chatId), cb.message.chat),
      });
    } else {
      delete q.message;
    }
    q.chat_instance = cb.chat_instance || chatInstance(update.botToken, chatId);
    if (cb.inline_message_id) q.inline_message_id = cb.inline_message_id;
    if (q.data === undefined) delete q.data;
    if (cb.game_short_name) q.game_short_name = cb.game_short_name;
  } else if (formatted.message) {
    formatted.message = userMessage(update);
  }
  return formatted;
};

// ---------------------------------------------------------------- the outer app

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '5mb' }));
app.use(express.urlencoded({ extended: true, limit: '5mb' }));

// Every Bot API call: log it, and make whatever the package answers a well-formed Bot API reply.
app.all('/bot:token/:method', (req, res, next) => {
  const { token, method } = req.params;
  const entry = { seq: 0, time: Date.now() / 1000, method, params: params(req) };
  const list = calls.get(token) || [];
  entry.seq = list.length ? list[list.length - 1].seq + 1 : 1;
  list.push(entry);
  if (list.length > MAX_CALLS) list.shift();
  calls.set(token, list);

  const json = res.json.bind(res);
  res.json = (body) => {
    let out = body;
    if (!out || typeof out !== 'object' || typeof out.ok !== 'boolean') {
      const text = out && typeof out === 'object' && out.message ? String(out.message) : 'unknown error';
      const unsupported = /API method '.*' is not supported/.test(text);
      out = {
        ok: false,
        error_code: 400,
        description: unsupported
          ? `Bad Request: method '${method}' is not supported by the e2e emulator (telegram-test-api)`
          : `Bad Request: ${text}`,
      };
    } else if (out.ok && (out.result === null || out.result === undefined)) {
      out = Object.assign({}, out, { result: true });
    }
    if (out.ok === false) {
      if (!Number.isInteger(out.error_code)) out.error_code = 400;
      if (!out.description) out.description = 'Bad Request';
      res.status(out.error_code);
    } else {
      res.status(200);
    }
    entry.ok = out.ok;
    if (!out.ok) {
      entry.error_code = out.error_code;
      entry.description = out.description;
    }
    return json(out);
  };
  next();
});

app.all('/bot:token/getMe', (req, res) => {
  res.json({
    ok: true,
    result: Object.assign(botUser(req.params.token), {
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    }),
  });
});

app.all('/bot:token/getUpdates', (req, res) => {
  const { token } = req.params;
  if (server.webhooks[token]) {
    apiError(res, 409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    return;
  }
  const p = params(req);
  const pending = () => server.storage.userMessages
    .filter((u) => u.botToken === token && !u.isRead)
    .sort((a, b) => a.updateId - b.updateId);
  if (p.offset !== undefined && p.offset !== '') {
    const offset = Number(p.offset);
    if (offset > 0) {
      // Confirmed: every update with an id below the offset.
      for (const u of pending()) if (u.updateId < offset) u.isRead = true;
    } else if (offset < 0) {
      const all = pending();
      for (const u of all.slice(0, Math.max(0, all.length + offset))) u.isRead = true;
    }
  }
  const limit = Math.min(100, Math.max(1, Number(p.limit) || 100));
  const timeout = Math.min(MAX_POLL_SECONDS, Math.max(0, Number(p.timeout) || 0));
  const answer = () => {
    res.json({ ok: true, result: pending().slice(0, limit).map((u) => TelegramServer.formatUpdate(u)) });
  };
  if (pending().length || timeout === 0) {
    answer();
    return;
  }
  // Long polling: answer on the first new update or at the timeout; nothing is consumed if the
  // client goes away first (updates are only confirmed by a later offset anyway).
  const events = ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery', 'e2eReset'];
  let done = false;
  let timer = null;
  const finish = (send) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    for (const e of events) server.off(e, onEvent);
    res.off('close', onClose);
    if (send) answer();
  };
  const onEvent = () => {
    if (pending().length || server.webhooks[token]) finish(true);
  };
  const onClose = () => finish(false);
  for (const e of events) server.on(e, onEvent);
  res.on('close', onClose);
  timer = setTimeout(() => finish(true), timeout * 1000);
});

app.all('/bot:token/sendMessage', (req, res) => {
  const { token } = req.params;
  const p = params(req);
  if (p.chat_id === undefined || !/^-?\d+$/.test(String(p.chat_id))) {
    apiError(res, 400, 'Bad Request: chat not found');
    return;
  }
  const problem = checkText(p.text, p.parse_mode);
  if (problem) {
    apiError(res, 400, problem);
    return;
  }
  const replyTo = p.reply_parameters && typeof p.reply_parameters === 'object'
    ? p.reply_parameters.message_id : p.reply_to_message_id;
  if (replyTo !== undefined && !messageById(token, p.chat_id, replyTo)
      && !(p.reply_parameters && isTrue(p.reply_parameters.allow_sending_without_reply))) {
    apiError(res, 400, 'Bad Request: message to be replied not found');
    return;
  }
  const sent = server.addBotMessage(p, token);
  const record = findBotRecord(token, p.chat_id, sent.message_id);
  record.edits = [];
  res.json({ ok: true, result: botMessage(record) });
});

function editMessage(kind) {
  return (req, res) => {
    const { token } = req.params;
    const p = params(req);
    if (p.chat_id === undefined || p.chat_id === '') {
      if (p.inline_message_id) {
        res.json({ ok: true, result: true });
      } else {
        apiError(res, 400, 'Bad Request: chat_id is empty');
      }
      return;
    }
    const record = findBotRecord(token, p.chat_id, p.message_id);
    if (!record) {
      const users = findUserRecord(token, p.chat_id, p.message_id);
      apiError(res, 400, users ? "Bad Request: message can't be edited" : 'Bad Request: message to edit not found');
      return;
    }
    const before = record.message;
    const after = Object.assign({}, before);
    if (kind === 'text') {
      const problem = checkText(p.text, p.parse_mode);
      if (problem) {
        apiError(res, 400, problem);
        return;
      }
      after.text = String(p.text);
      // An edit replaces text, formatting and inline keyboard: what is not given is gone.
      for (const key of ['parse_mode', 'entities', 'reply_markup', 'link_preview_options']) {
        if (p[key] === undefined) delete after[key];
        else after[key] = p[key];
      }
    } else if (p.reply_markup === undefined || p.reply_markup === '') {
      delete after.reply_markup;
    } else {
      after.reply_markup = p.reply_markup;
    }
    const same = (a, b) => JSON.stringify(a === undefined ? null : a) === JSON.stringify(b === undefined ? null : b);
    if (same(before.text, after.text) && same(before.parse_mode, after.parse_mode)
        && same(before.entities, after.entities)
        && same(inlineMarkup(before.reply_markup), inlineMarkup(after.reply_markup))) {
      apiError(res, 400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
      return;
    }
    after.edit_date = nowSeconds();
    record.message = after;
    record.edits = record.edits || [];
    record.edits.push({
      method: kind === 'text' ? 'editMessageText' : 'editMessageReplyMarkup',
      date: after.edit_date,
      text: after.text,
      parse_mode: after.parse_mode,
      reply_markup: after.reply_markup,
    });
    server.emit(kind === 'text' ? 'EditedMessageText' : 'EditedMessageReplyMarkup');
    res.json({ ok: true, result: botMessage(record) });
  };
}

app.all('/bot:token/editMessageText', editMessage('text'));
app.all('/bot:token/editMessageReplyMarkup', editMessage('markup'));

app.all('/bot:token/answerCallbackQuery', (req, res) => {
  const p = params(req);
  if (!p.callback_query_id) {
    apiError(res, 400, 'Bad Request: query ID is empty');
    return;
  }
  res.json({ ok: true, result: true });
});

app.all('/bot:token/deleteWebhook', (req, res, next) => {
  const { token } = req.params;
  if (isTrue(params(req).drop_pending_updates)) {
    for (const u of server.storage.userMessages) if (u.botToken === token) u.isRead = true;
  }
  next(); // the package's own handler unsets the webhook
});

// ------------------------------------------------------------- client side

function clientUser(body) {
  const from = Object.assign({ id: 1, is_bot: false, first_name: 'User' }, body.from || {});
  from.id = Number(from.id);
  from.is_bot = false;
  return from;
}

function clientMessage(body) {
  const token = body.botToken;
  const from = clientUser(body);
  const message = Object.assign({}, body);
  delete message.reply_to_message_id;
  message.from = from;
  message.chat = Object.assign(
    { id: from.id, type: 'private', first_name: from.first_name },
    body.chat || {},
  );
  message.chat.id = Number(message.chat.id);
  if (message.chat.type !== 'private') {
    delete message.chat.first_name;
    delete message.chat.last_name;
    if (!message.chat.title) message.chat.title = `Chat ${message.chat.id}`;
  }
  message.date = seconds(body.date);
  if (message.text === undefined) message.text = '';
  rememberChat(token, message.chat);
  if (body.reply_to_message_id !== undefined) {
    const target = messageById(token, message.chat.id, body.reply_to_message_id, 1);
    if (target) message.reply_to_message = target;
  }
  return message;
}

function commandEntities(text) {
  const m = /^\/[^\s]+/.exec(String(text || ''));
  return m ? [{ type: 'bot_command', offset: 0, length: m[0].length }] : [];
}

function requireToken(body, res) {
  if (!body || !body.botToken) {
    res.status(400).json({ ok: false, error_code: 400, description: 'botToken is required' });
    return false;
  }
  return true;
}

async function clientSend(req, res, command) {
  if (!requireToken(req.body, res)) return;
  const message = clientMessage(req.body);
  if (command && !(Array.isArray(message.entities) && message.entities.length)) {
    message.entities = commandEntities(message.text);
  }
  const updateId = server.updateId;
  const messageId = server.messageId;
  try {
    if (command) await server.addUserCommand(message);
    else await server.addUserMessage(message);
  } catch (error) {
    res.status(502).json({ ok: false, error_code: 502, description: String(error) });
    return;
  }
  res.json({ ok: true, result: { update_id: updateId, message_id: messageId, chat_id: message.chat.id } });
}

app.post('/sendMessage', (req, res) => clientSend(req, res, false));
app.post('/sendCommand', (req, res) => clientSend(req, res, true));

app.post('/sendCallback', async (req, res) => {
  const body = req.body;
  if (!requireToken(body, res)) return;
  const callback = Object.assign({}, body);
  callback.from = clientUser(body);
  delete callback.message_id;
  delete callback.chat_id;
  let message = body.message;
  if (!message && body.message_id !== undefined) {
    message = { message_id: body.message_id, chat: { id: body.chat_id !== undefined ? body.chat_id : callback.from.id } };
  }
  if (message) {
    const chatId = Number(message.chat && message.chat.id !== undefined ? message.chat.id : message.chat_id);
    callback.message = Object.assign({}, message, { chat: Object.assign({}, message.chat || {}, { id: chatId }) });
  } else {
    delete callback.message;
  }
  const updateId = server.updateId;
  const callbackId = server.callbackId;
  try {
    await server.addUserCallback(callback);
  } catch (error) {
    res.status(502).json({ ok: false, error_code: 502, description: String(error) });
    return;
  }
  res.json({ ok: true, result: { update_id: updateId, callback_query_id: String(callbackId) } });
});

app.post('/e2e/calls', (req, res) => {
  const { token, method } = req.body || {};
  const list = (calls.get(token) || []).filter((c) => !method || c.method === method);
  res.json({ ok: true, result: list });
});

app.post('/e2e/reset', (req, res) => {
  const token = (req.body || {}).token;
  const keep = (r) => token && r.botToken !== token;
  server.storage.userMessages = server.storage.userMessages.filter(keep);
  server.storage.botMessages = server.storage.botMessages.filter(keep);
  if (token) {
    calls.delete(token);
    for (const key of [...chats.keys()]) if (key.startsWith(`${token}|`)) chats.delete(key);
  } else {
    calls.clear();
    chats.clear();
  }
  server.emit('e2eReset');
  res.json({ ok: true, result: true });
});

app.get('/e2e/health', (_req, res) => res.json({ ok: true, result: true }));

// Everything else: the package's own routes (client getUpdates / getUpdatesHistory, the bot
// methods not overridden above, its "not supported" answer for the rest).
app.use(inner);
server.webServer = app;

// ---------------------------------------------------------------- start / stop

let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  // Do not wait for long-polling connections: the tests are done with us.
  setTimeout(() => process.exit(code), 50).unref();
  server.stop().catch(() => {}).finally(() => process.exit(code));
}

process.on('SIGTERM', () => shutdown(0));
process.on('SIGINT', () => shutdown(0));
if (process.env.E2E_EXIT_ON_STDIN_EOF === '1') {
  // Started by tests/e2e/emulator.py with a pipe as stdin: its end means the parent is gone.
  process.stdin.on('end', () => shutdown(0));
  process.stdin.on('error', () => shutdown(0));
  process.stdin.resume();
}

server.start().then(() => {
  const { port } = server.server.address();
  server.config.port = port;
  server.config.apiURL = `http://${HOST}:${port}`;
  process.stdout.write(`READY ${port}\n`);
}).catch((error) => fail(`cannot listen on ${HOST}:${PORT}: ${error.message}`));
