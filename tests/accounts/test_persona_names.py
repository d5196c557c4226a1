from accounts.names import generate_persona_name, persona_name_key


def test_it_generates_readable_english_names_with_a_number():
    words = generate_persona_name("en").split()

    assert len(words) == 3
    assert words[2].isdigit()


def test_it_treats_arabic_spelling_variants_as_the_same_name():
    assert persona_name_key("زيتونة هادئة") == persona_name_key("زيتونه هادئه")
    assert persona_name_key("أرزة") == persona_name_key("ارزة")
    assert persona_name_key("قمرٌ") == persona_name_key("قمر")


def test_it_ignores_case_spacing_and_invisible_characters():
    assert persona_name_key("Quiet  Cedar") == persona_name_key("quiet cedar")
    assert persona_name_key("quiet\u200bcedar\u202e") == persona_name_key("quiet cedar")
    assert persona_name_key("QUIET CEDAR") == persona_name_key("quiet cedar")
