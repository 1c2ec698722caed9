"""Concurrent editors: four members add and edit documents in the same
team space at the same moment, over HTTP. No conflict reaches a user
(Zope retries a transaction that met a concurrent one), and the space
holds every acknowledged write afterwards."""

from concurrent.futures import ThreadPoolExecutor
from zumo.policy.testing.scenario import api_url
from zumo.policy.testing.scenario import PASSWORD

import pytest
import requests
import threading


pytestmark = pytest.mark.drill


CLIENTS = 4
ROUNDS = 12
HEADERS = {"Accept": "application/json"}


@pytest.mark.usefixtures("served_scenario")
class TestConcurrentEditors:
    def test_four_editors_in_one_space(self, served_scenario, record_property):
        portal, objects = served_scenario
        space = api_url(portal, objects["municipality_published"])
        start = threading.Barrier(CLIENTS)

        def editor(number):
            """Add ``ROUNDS`` documents and retitle each; return
            ``(answers, {id: title})``."""
            session = requests.Session()
            session.auth = ("institut", PASSWORD)
            session.headers.update(HEADERS)
            answers, written = [], {}
            start.wait()
            for round_ in range(ROUNDS):
                name = f"gleichzeitig-{number}-{round_}"
                made = session.post(
                    space,
                    json={"@type": "Document", "id": name, "title": name},
                )
                answers.append(made.status_code)
                if made.status_code != 201:
                    continue
                written[name] = name
                title = f"{name} bearbeitet"
                edited = session.patch(f"{space}/{name}", json={"title": title})
                answers.append(edited.status_code)
                if edited.status_code == 204:
                    written[name] = title
            session.close()
            return answers, written

        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(editor, range(CLIENTS)))
        answers = [status for result, _written in results for status in result]
        written = {k: v for _answers, done in results for k, v in done.items()}
        record_property("concurrent_requests", len(answers))
        assert set(answers) <= {201, 204}, sorted(set(answers))
        assert len(written) == CLIENTS * ROUNDS
        listing = requests.get(
            space,
            params={"b_size": 100},
            auth=("institut", PASSWORD),
            headers=HEADERS,
        ).json()["items"]
        found = {item["@id"].rsplit("/", 1)[1]: item["title"] for item in listing}
        for name, title in written.items():
            assert found.get(name) == title, name
