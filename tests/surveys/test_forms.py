"""Coverage by design (#17 item 1): rotating items go out as a few fixed forms per wave, dealt
to people by a keyed hash that is never stored, each form in a team held by at least k people
(or everyone there on the common form), every theme covered across the service."""

from __future__ import annotations

from collections import Counter

from surveys.bank import default_bank
from surveys.forms import deal, plan_forms
from surveys.seal import Sealer, new_key, parse_key

K = 5


def test_a_wave_asks_every_theme_across_its_forms_and_nothing_from_the_wave_before() -> None:
    bank = default_bank()
    first = plan_forms(bank, history=[], per_person=2, people=60, k=K)
    themes = {bank.get(key).theme for form in first for key in form}  # type: ignore[union-attr]
    assert themes == {item.theme for item in bank.items}
    assert all(len(form) == 2 for form in first)
    second = plan_forms(bank, history=[[k for f in first for k in f]], per_person=2, people=60, k=K)
    assert not {k for f in first for k in f} & {k for f in second for k in f}
    themes = {bank.get(key).theme for form in second for key in form}  # type: ignore[union-attr]
    assert themes == {item.theme for item in bank.items}


def test_never_more_forms_than_the_service_can_give_k_people_each() -> None:
    forms = plan_forms(default_bank(), history=[], per_person=2, people=26, k=K)
    assert len(forms) == 26 // K


def test_each_form_in_a_team_is_held_by_at_least_k_or_all_share_the_common_form() -> None:
    sealer = Sealer(parse_key(new_key()))
    for size in (3, 5, 9, 10, 14, 23):
        team = list(range(1000, 1000 + size))
        dealt = deal(team, wave_id=7, forms=6, k=K, tag=sealer.tag)
        counts = Counter(dealt.values())
        assert set(dealt) == set(team)
        if size < 2 * K:
            assert set(counts) == {0}  # the common form: nothing to tell anyone apart
        else:
            assert len(counts) == size // K
            assert min(counts.values()) >= K


def test_the_deal_is_keyed_so_it_cannot_be_redone_without_the_key_and_changes_each_wave() -> None:
    team = list(range(2000, 2020))
    one, other = Sealer(parse_key(new_key())), Sealer(parse_key(new_key()))
    assert deal(team, wave_id=7, forms=4, k=K, tag=one.tag) == deal(
        team, wave_id=7, forms=4, k=K, tag=one.tag
    )
    assert deal(team, wave_id=7, forms=4, k=K, tag=one.tag) != deal(
        team, wave_id=7, forms=4, k=K, tag=other.tag
    )
    assert deal(team, wave_id=7, forms=4, k=K, tag=one.tag) != deal(
        team, wave_id=8, forms=4, k=K, tag=one.tag
    )
