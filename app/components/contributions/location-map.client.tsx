import L from "leaflet";
import { useEffect, useRef } from "react";

interface LocationMapProps {
  /** A {z}/{x}/{y} tile template (MAP_TILE_URL). */
  tileUrl: string;
  point: { lat: number; lng: number } | null;
  onPick(point: { lat: number; lng: number }): void;
}

const WORLD: L.LatLngExpression = [30, 0];

/**
 * A Leaflet map to pick a point on: a click (or a tap) places the marker, and a typed
 * latitude and longitude move it. A plain circle marker, so no marker images are needed.
 */
export default function LocationMap({ tileUrl, point, onPick }: LocationMapProps) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.CircleMarker | null>(null);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;

  useEffect(() => {
    if (!box.current) return;
    const m = L.map(box.current, { worldCopyJump: true }).setView(WORLD, 2);
    L.tileLayer(tileUrl, {
      maxZoom: 19,
      attribution: "&copy; OpenStreetMap contributors",
    }).addTo(m);
    m.on("click", (e: L.LeafletMouseEvent) => pickRef.current({ lat: e.latlng.lat, lng: L.Util.wrapNum(e.latlng.lng, [-180, 180], true) }));
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
      marker.current = null;
    };
  }, [tileUrl]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!point || Math.abs(point.lat) > 90 || Math.abs(point.lng) > 180) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    if (marker.current) marker.current.setLatLng(point);
    else marker.current = L.circleMarker(point, { radius: 9, color: "#24533d", weight: 3, fillColor: "#2f6b4f", fillOpacity: 0.6 }).addTo(m);
    if (!m.getBounds().contains(point)) m.setView(point, Math.max(m.getZoom(), 13));
  }, [point?.lat, point?.lng]); // eslint-disable-line react-hooks/exhaustive-deps

  return <div ref={box} className="location-map" role="application" aria-label="Map: click to place the location" />;
}
