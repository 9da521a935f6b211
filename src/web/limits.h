#ifndef PMM_WEB_LIMITS_H
#define PMM_WEB_LIMITS_H
/*
 * What `pmm serve` accepts from a client, in one place (docs/web.md lists
 * them with the status each one answers). Beyond WEB_CONN_MEMORY
 * libmicrohttpd itself refuses the request line and headers, before any
 * code of ours sees them; below it, our checks answer with a message in
 * the user's language.
 */

/* Request body (form, JSON, the template upload): 413, with a page that
 * says the limit (in the session's look when signed in). A chunked body is
 * read to its end and answered 413; one that goes on past its limit plus
 * WEB_MAX_BODY_DISCARD is cut. */
#define WEB_MAX_BODY (1 << 20)
#define WEB_MAX_BODY_DISCARD (8 * WEB_MAX_BODY)
/* The body of a signed-in user's action (its form, the API's create and
 * update) must fit the largest action the model accepts (issue 10: an
 * action of 100 000 «ñ» in both description and results, 1.2 MB as a
 * browser sends it, got 413). Its limit is computed from the field table
 * (server.c, action_body_compute): every text field of action_fields at its
 * limit, plus WEB_ACTION_CHALLENGE_CHARS of challenges, at
 * WEB_BYTES_PER_CHAR each, plus WEB_FIELD_OVERHEAD per form field, rounded
 * up to whole MiB (about 9 MiB). Anonymous requests keep WEB_MAX_BODY, so
 * that only accounts can make the server hold that much per connection. */
/* A character of at most 4 bytes of UTF-8, each sent by a form as %XX;
 * JSON's "\uD83D\uDE00" is 12 bytes too. */
#define WEB_BYTES_PER_CHAR 12
/* Challenge text besides the action's own fields: 500 challenges (the
 * largest real action, issue 10) of 1 000 characters, or five at the
 * limit of one. More is entered by importing a file, as the 413 says. */
#define WEB_ACTION_CHALLENGE_CHARS (500 * 1000)
/* A form field's name, '=' and '&', and a short value (an id, Sí/No). */
#define WEB_FIELD_OVERHEAD 32
/* Path and query as received (still percent-encoded): 414. */
#define WEB_MAX_URL 8192
/* Header lines: 431. */
#define WEB_MAX_HEADERS 64
/* Fields of a form body: 413 with a page that says the limit (the body is
 * too big in fields if not bytes). The model caps no list of an action,
 * and its form sends two fields per challenge plus fewer than 100 others,
 * so the cap fits what the model allows with room to spare: 20 000 fields
 * save an action of about 9 900 challenges, twenty times the largest real
 * one (500, issue 10); it is there only against abuse, bounding the
 * decoder's memory per request below what the 1 MiB body alone would. */
#define WEB_MAX_FORM_FIELDS 20000
/* Request line and headers, in bytes: 431 with pmm's page (issue 15). */
#define WEB_MAX_HEADER_BYTES (64 * 1024)
/* Memory libmicrohttpd gives a connection for the request line, the
 * headers and the read buffer: twice WEB_MAX_HEADER_BYTES, so that pmm
 * sees, and answers in its own words, headers past its limit up to about
 * 120 KiB; past that libmicrohttpd itself answers 414 or 431 (in English).
 * A Cookie header is copied into the same pool before pmm is called
 * (0.9.75 parses cookies itself): a Cookie over about 60 000 bytes gets
 * libmicrohttpd's 431, its status line twice (docs/reliability.md, row 43).
 * The pool is mapped, so a connection uses only what it fills. */
#define WEB_CONN_MEMORY (128 * 1024)
/* Simultaneous connections, all clients. Past it new connections wait in
 * the kernel's queue until one closes (F15, fault 4: 1 000 slow
 * connections of one client held every other client up to
 * --request-timeout; docs/deploy.md says how to bound one client). */
#define WEB_MAX_CONNECTIONS 1000
/* Files the server opens besides its connections: each thread's SQLite
 * connection (database, -wal), the watcher's, the log, epoll, the cache. */
#define WEB_OTHER_FILES 128
/* Defaults of `pmm serve --timeout` (seconds a connection may stay idle,
 * e.g. a client that sends its request byte by byte) and of
 * `--max-per-ip` (0: no limit, since behind a reverse proxy every client
 * has the proxy's address). */
#define WEB_CONN_TIMEOUT 30
/* Issue 15: default of `pmm serve --request-timeout`, the seconds a
 * request may take in all, from its first byte to the last of its answer
 * (a client sending its headers or body a byte at a time, each within the
 * idle timeout, is cut there). */
#define WEB_REQUEST_TIMEOUT 120
#define WEB_PER_IP_CONNECTIONS 0
/* Issue 15: default of `pmm serve --cache-mb`, the bytes the cache of
 * public responses may hold (least recently used out first), and the
 * number of its entries. */
#define WEB_CACHE_MB 64
/* Seconds a client is asked to wait (Retry-After) before it retries a
 * write that met a database busy with another process: a little more than
 * the default busy timeout (issue 10; every write since issue 15). */
#define WEB_BUSY_RETRY_AFTER "15"
#define WEB_CACHE_ENTRIES 512
/* Issue 15 (hostile tester): default of `pmm serve --threads`. A write
 * waiting on a database another process holds keeps its thread for up to
 * the busy timeout; with 2 threads two such writes stopped every page.
 * While another process holds the database, at most half the threads
 * may wait to write (WEB_WRITER_CAP; the next
 * write is answered 503 at once), so the other half keep serving reads. */
#define WEB_THREADS 8
#define WEB_WRITER_CAP(threads) ((threads) / 2 > 0 ? (threads) / 2 : 1)

/* Issue 15 (F15): pmm serve under a memory limit (RLIMIT_AS or the
 * cgroup's memory.max; memory.c). Peaks measured one request alone
 * (docs/reliability.md): an API page of 1 000 actions 15 MiB, a search
 * page 10; a heavy page counts as twice the largest page. A download's
 * rendering counts by the file and the edition's actions (F15B:
 * web_render_mib, memory.c). */
#define WEB_HEAVY_PAGE_MIB 32
/* Address space kept back for the allocation that finds none (mem.c). */
#define WEB_MEMORY_RESERVE_MIB 32
/* Left out of the budget: connections' buffers, SQLite's page caches,
 * the second malloc arena. */
#define WEB_MEMORY_MARGIN_MIB 64
/* glibc's malloc arenas under a limit (each reserves 64 MiB of address
 * space; eight threads took 512 MiB of a 440 MiB limit). */
#define WEB_MEMORY_ARENAS 2
#define WEB_MEMORY_RETRY_AFTER "10"
/* Rendering workers under a limit (issue 15 round 5, F1): each thread's
 * stack reserves 8 MiB of address space, and one per libmicrohttpd
 * thread (8) took the budget of a 439 MiB limit from 115 MiB to 47
 * (g15d). A download that renders waits for a free worker with its
 * connection suspended, and the budget admits few renderings at once
 * anyway; a stored file needs no worker, and a request waiting for
 * another's rendering holds none (s12 d15x: web_claim). */
#define WEB_MEMORY_RENDER_WORKERS 2

#endif
