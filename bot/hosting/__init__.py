"""The process a host runs: settings, wiring, the web app (webhooks, health), the dispatcher,
the outbox, each platform's service (webhook registration, polling) and draining on SIGTERM."""
