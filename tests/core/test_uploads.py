"""What editors may upload: documents and images by extension and size, no SVG (it can carry
scripts), no decompression bomb. Through Wagtail's own admin forms."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("a", "a@example.org", "pw"))
    return client


def upload(client, kind, name, content):
    """POST ``content`` as file ``name`` to Wagtail's "add" form of ``kind`` (documents,
    images)."""
    return client.post(
        f"/admin/{kind}/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def add_document(client, name, content):
    return upload(client, "documents", name, content)


def add_image(client, name, content):
    return upload(client, "images", name, content)


def png(width, height):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_pdf_is_accepted(admin):
    response = add_document(admin, "reglement.pdf", b"%PDF-1.4\n%%EOF\n")
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="reglement.pdf").exists()


@pytest.mark.parametrize("name", ["image.svg", "page.html", "outil.exe", "script.js"])
def test_other_document_types_are_refused(admin, name):
    response = add_document(admin, name, SVG)
    assert response.status_code == 200  # the form again, with the error
    assert "file" in response.context["form"].errors
    assert not get_document_model().objects.exists()


def test_a_document_over_10_mb_is_refused(admin):
    response = add_document(admin, "gros.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1))
    assert "file" in response.context["form"].errors
    assert not get_document_model().objects.exists()


def test_a_png_is_accepted_and_an_svg_refused(admin):
    assert add_image(admin, "logo.png", png(40, 40)).status_code == 302
    refused = add_image(admin, "logo.svg", SVG)
    assert "file" in refused.context["form"].errors
    assert list(get_image_model().objects.values_list("title", flat=True)) == ["logo.png"]


def test_an_image_of_too_many_pixels_is_refused(admin, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 10_000  # 100 × 100
    refused = add_image(admin, "immense.png", png(200, 100))
    assert "file" in refused.context["form"].errors
    assert not get_image_model().objects.exists()
