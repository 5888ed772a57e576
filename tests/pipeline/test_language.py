"""Language detection by script, diacritics and function words."""

from __future__ import annotations

import pytest

from apps.ingest.pipeline.language import detect_language

CASES = [
    ("The ministry sent a team of doctors to the mission and they will serve there for a year.", "en"),
    ("Le ministère a envoyé une équipe de médecins pour la mission de paix dans le pays.", "fr"),
    ("El ministerio envió un equipo de médicos a la misión de paz en el país durante un año.", "es"),
    ("O ministério enviou uma equipe de médicos para a missão de paz no país e na região.", "pt"),
    ("Kementerian mengirim tim dokter untuk misi perdamaian dan mereka akan bertugas di sana.", "id"),
    ("Bộ Quốc phòng đã cử đội ngũ bác sĩ tham gia lực lượng gìn giữ hòa bình của Liên hợp quốc.", "vi"),
    ("أرسلت الوزارة فريقا من الأطباء إلى بعثة حفظ السلام", "ar"),
    ("وزارت نے امن مشن کے لیے ڈاکٹروں کی ٹیم بھیجی ہے", "ur"),
    ("防衛省は医療チームを派遣した。", "ja"),
    ("国防部派遣了一支医疗队参加维和行动。", "zh"),
    ("Министерство направило группу врачей в миссию.", "ru"),
    ("국방부는 의료진을 파견했다.", "ko"),
]


@pytest.mark.parametrize(("text", "lang"), CASES)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_english_with_a_vietnamese_date_line_stays_english() -> None:
    text = "Thứ Ba, 22/08/2023\nThe officers have served with distinction in the mission for over a year and will return soon."
    assert detect_language(text) == "en"
