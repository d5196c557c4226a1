# Sanad: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format messages translations migrate seed serve benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever the lock file changes; --require-hashes pins every byte.
$(STAMP): requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $(STAMP)

translations: $(STAMP)
	$(BIN)/python manage.py compiletranslations

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --no-input

seed: migrate translations
	$(BIN)/python manage.py seed_demo

# The demo moderator has no authenticator app, so the local demo lets moderators work
# without two-factor; production keeps the requirement (the default).
run: seed
	@echo "Sanad is starting on http://127.0.0.1:8000 (Ctrl-C stops it)"
	SANAD_REQUIRE_MFA_FOR_MODERATION=$${SANAD_REQUIRE_MFA_FOR_MODERATION:-false} \
		$(BIN)/python manage.py runserver 127.0.0.1:8000

test: translations
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs GNU gettext (xgettext); only developers adding strings run it.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --locale ar --no-obsolete --ignore '.venv/*' --ignore 'tests/*'
	$(BIN)/python manage.py makemessages --locale ar --domain djangojs --no-obsolete --ignore '.venv/*' --ignore 'static/vendor/*'

clean:
	rm -rf $(VENV) .pytest_cache db.sqlite3
