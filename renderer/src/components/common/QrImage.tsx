import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * A QR code drawn in the page (the qrcode package, no network), as a data:
 * image the CSP allows. `size` is the rendered width in CSS pixels.
 */
export function QrImage({ payload, size, alt }: { payload: string; size: number; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 2, width: size * 2 })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [payload, size]);
  return src ? <img className="qr" src={src} width={size} height={size} alt={alt} data-testid="qr-image" data-payload={payload} /> : null;
}
