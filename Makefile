# Sanad: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format messages translations crisis-model migrate seed serve benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever the lock file changes; --require-hashes pins every byte.
$(STAMP): requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $(STAMP)

translations: $(STAMP) crisis-model
	$(BIN)/python manage.py compiletranslations

# The crisis detector's model is built from its corpus in the repository (seconds; only
# when the corpus or the feature code changed), never downloaded.
crisis-model: $(STAMP)
	$(BIN)/python manage.py crisis_train --if-stale

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

# lint-imports: the floors contract in pyproject.toml (every import points down).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs GNU gettext (xgettext); only developers adding strings run it.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --locale ar --no-obsolete --ignore '.venv/*' --ignore 'tests/*'
	$(BIN)/python manage.py makemessages --locale ar --domain djangojs --no-obsolete --ignore '.venv/*' --ignore 'static/vendor/*'

clean:
	rm -rf $(VENV) .pytest_cache db.sqlite3
