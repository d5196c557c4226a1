"""Issue 12, item 8: production can be configured through docker-compose.yml and .env.

docker compose is not needed: the file is read with PyYAML, and its `${...}`
interpolation is done here the way compose does it (`${X}`, `${X:-default}`,
`${X:?message}`, `$$` for a literal `$`)."""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
APP_SERVICES = ("web", "ws", "worker", "beat")
# Compose runs its own PostgreSQL and Redis, and production means DEBUG off.
FIXED_BY_COMPOSE = {"DEBUG", "DATABASE_URL", "REDIS_URL"}
_INTERPOLATION = re.compile(r"\$\{(\w+)(?:(:?[-?])([^}]*))?\}")


class MissingVariable(Exception):
    pass


def interpolate(text: str, env: dict[str, str]) -> str:
    def replace(match):
        name, operator, argument = match.groups()
        value = env.get(name)
        if operator in (":?", "?") and not value and (operator == ":?" or value is None):
            raise MissingVariable(f"required variable {name} is missing a value: {argument}")
        if operator in (":-", "-") and not value and (operator == ":-" or value is None):
            return argument
        return value or ""

    parts = text.split("$$")
    return "$".join(_INTERPOLATION.sub(replace, part) for part in parts)


def _resolve(node, env):
    if isinstance(node, dict):
        return {key: _resolve(value, env) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(value, env) for value in node]
    if isinstance(node, str):
        return interpolate(node, env)
    return node


def compose(env: dict[str, str]) -> dict:
    return _resolve(yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text()), env)


def variables_read_by_settings() -> set[str]:
    source = (BASE_DIR / "config" / "settings.py").read_text()
    names = set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z0-9_]+)\"", source))
    assert len(names) > 40, names
    return names


def env_example() -> dict[str, str]:
    values = {}
    for line in (BASE_DIR / ".env.example").read_text().splitlines():
        match = re.match(r"^#?\s*([A-Z][A-Z0-9_]+)=(.*)$", line)
        if match:
            values[match.group(1)] = match.group(2)
    return values


FILLED_IN = {
    "SECRET_KEY": "x" * 60,
    "SANAD_SITE_URL": "https://sanad.example.org",
}


def test_every_application_service_reads_the_env_file():
    resolved = compose(FILLED_IN)
    for service in APP_SERVICES:
        env_files = resolved["services"][service]["env_file"]
        paths = [item["path"] if isinstance(item, dict) else item for item in env_files]
        assert ".env" in paths, service


@pytest.mark.parametrize("name", sorted(variables_read_by_settings() - FIXED_BY_COMPOSE))
def test_every_setting_can_be_set_through_compose(name):
    """Either compose forwards it from .env by name (${NAME...}), or it is not in the
    service's environment at all and so reaches the container from env_file alone."""
    sentinel = "value-from-dot-env"
    resolved = compose({**FILLED_IN, name: sentinel})
    for service in APP_SERVICES:
        environment = resolved["services"][service]["environment"]
        if name in environment:
            assert sentinel in str(environment[name]), (service, name, environment[name])
        # else: env_file passes .env through unchanged.


def test_every_setting_is_documented_in_env_example_and_the_configuration_doc():
    documented = env_example()
    doc = (BASE_DIR / "docs" / "configuration.md").read_text()
    table = doc[: doc.index("## Running tests against real services")]
    names = variables_read_by_settings()
    assert names - FIXED_BY_COMPOSE - set(documented) == set()
    assert {name for name in names if f"`{name}`" not in table} == set()
    assert "FORWARDED_ALLOW_IPS" in documented and "`FORWARDED_ALLOW_IPS`" in table


@pytest.mark.parametrize("missing", ["SECRET_KEY", "SANAD_SITE_URL"])
def test_compose_without_env_names_the_missing_variable(missing):
    env = {key: value for key, value in FILLED_IN.items() if key != missing}
    with pytest.raises(MissingVariable) as refused:
        compose(env)
    message = str(refused.value)
    assert missing in message
    assert ".env" in message


def test_compose_without_any_env_file_stops_at_the_secret_key():
    with pytest.raises(MissingVariable, match="SECRET_KEY"):
        compose({})


def test_the_servers_trust_forwarded_headers_only_from_the_proxy():
    resolved = compose(FILLED_IN)
    services = resolved["services"]
    pages, sockets = services["web"]["command"][-1], services["ws"]["command"][-1]
    assert "exec gunicorn config.wsgi" in pages
    assert "--log-config-json config/logging.json" in pages
    assert "exec uvicorn config.asgi:application" in sockets
    assert "--proxy-headers" in sockets
    assert "--log-config config/logging.json" in sockets
    for command in (pages, sockets):
        assert '--forwarded-allow-ips "$FORWARDED_ALLOW_IPS"' in command
    allowed = services["web"]["environment"]["FORWARDED_ALLOW_IPS"].split(",")
    assert "*" not in allowed
    proxy = services["proxy"]["networks"]["default"]["ipv4_address"]
    assert set(allowed) == {"127.0.0.1", proxy}
    # The servers hand Django the scheme; Django must not believe the header itself.
    assert services["web"]["environment"]["BEHIND_TLS_PROXY"] == "false"


def test_the_example_env_file_is_complete_enough_to_start():
    documented = env_example()
    with_example = {key: value for key, value in documented.items() if value}
    with_example["SECRET_KEY"] = "x" * 60  # the one value nobody may copy
    resolved = compose(with_example)
    web = resolved["services"]["web"]["environment"]
    assert web["SANAD_SITE_URL"] == "https://sanad.example.org"


def test_the_production_image_carries_every_product_app_and_leaves_out_the_bench_and_demo():
    """An app in INSTALLED_APPS that the Dockerfile does not copy stops every container at
    start-up; the test bench and the demo logins have no place in production."""
    copied = set(re.findall(r"^COPY (\w+) \./\1$", (BASE_DIR / "Dockerfile").read_text(), re.M))
    local_apps = {
        app.split(".")[0]
        for app in settings.INSTALLED_APPS
        if (BASE_DIR / app.split(".")[0] / "__init__.py").is_file()
    }
    assert local_apps - {"benchmarks", "demo"} <= copied
    assert not copied & {"benchmarks", "demo", "tests"}
