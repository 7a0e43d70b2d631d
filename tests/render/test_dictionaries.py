"""jieba's dictionary is freed before MkDocs runs (render/search.forget_dictionaries): a page
rendered afterwards in the same process (the preview rebuilds) still gets the same search terms."""

from __future__ import annotations

from xcat.render import search


def test_search_terms_are_the_same_after_the_dictionary_is_freed():
    before = search.pinyin_terms("工业机器人应用编程")
    assert before == ["gongye jiqiren yingyong biancheng", "gongyejiqirenyingyongbiancheng", "gyjqryybc"]
    search.forget_dictionaries()
    jieba, _ = search._segmenter_and_speller()
    assert not jieba.dt.initialized  # the dictionary is gone until the next segmentation
    assert search.pinyin_terms("工业机器人应用编程") == before
    assert jieba.dt.initialized
