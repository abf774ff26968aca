// The portal's phone-first styles are bundled into dist/cases.css with the rest.
import './portal.css';

// The citizen portal's photo preview: the chosen file is shown from a local object URL, so the photo is seen before
// it is sent and never passes through the Blazor circuit. Returns the file's name, or null when none is chosen.
export function preview(input, img) {
  if (img.dataset.url) {
    URL.revokeObjectURL(img.dataset.url);
    delete img.dataset.url;
  }
  const file = input && input.files && input.files[0];
  if (!file) {
    img.removeAttribute('src');
    return null;
  }
  const url = URL.createObjectURL(file);
  img.dataset.url = url;
  img.src = url;
  return file.name;
}

window.tongguan = Object.assign(window.tongguan || {}, { portal: { preview } });
